#!/bin/bash
# Runs once, at the first start of docker-compose.yml's MySQL: cde's databases and least-privilege users
# (deploy/sql/mysql-grants.sql with the generated passwords), and the receiver's database.
set -euo pipefail
set -a
. /run/cde/secrets.env
set +a
sed -e "s/@DEBEZIUM_PASSWORD@/$CDE_DEBEZIUM_DB_PASSWORD/g" -e "s/@READER_PASSWORD@/$CDE_COMMERCE_DB_READER_PASSWORD/g" \
  -e "s/@FEED_PASSWORD@/$CDE_FEED_DB_PASSWORD/g" -e "s/@MAGENTO_DB@/magento/g" /cde/mysql-grants.sql |
  mysql -uroot -p"$MYSQL_ROOT_PASSWORD"
mysql -uroot -p"$MYSQL_ROOT_PASSWORD" <<SQL
CREATE DATABASE IF NOT EXISTS commerce_services CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
CREATE USER IF NOT EXISTS 'cde_receiver'@'%' IDENTIFIED BY '$CDE_RECEIVER_DB_PASSWORD';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, REFERENCES, CREATE TEMPORARY TABLES, LOCK TABLES
  ON commerce_services.* TO 'cde_receiver'@'%';
SQL
