-- cde's databases and least-privilege users on a MariaDB Commerce DB server (10.11 / 11.x). Replace the @...@
-- placeholders (docs/runbooks/database-prerequisites.md) and run as an administrator. Same users as
-- mysql-grants.sql; MariaDB names the binlog monitoring privilege BINLOG MONITOR.

CREATE DATABASE IF NOT EXISTS data_export CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
CREATE DATABASE IF NOT EXISTS cde_signal CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS cde_signal.debezium_signal (
  id VARCHAR(42) NOT NULL PRIMARY KEY,
  type VARCHAR(32) NOT NULL,
  data VARCHAR(2048) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE USER IF NOT EXISTS 'debezium'@'%' IDENTIFIED BY '@DEBEZIUM_PASSWORD@';
GRANT RELOAD, SHOW DATABASES, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO 'debezium'@'%';
GRANT SELECT, LOCK TABLES ON `@MAGENTO_DB@`.* TO 'debezium'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON cde_signal.debezium_signal TO 'debezium'@'%';

CREATE USER IF NOT EXISTS 'cde_reader'@'%' IDENTIFIED BY '@READER_PASSWORD@';
GRANT SELECT ON `@MAGENTO_DB@`.* TO 'cde_reader'@'%';

CREATE USER IF NOT EXISTS 'cde_feed'@'%' IDENTIFIED BY '@FEED_PASSWORD@';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, REFERENCES, CREATE TEMPORARY TABLES, LOCK TABLES
  ON data_export.* TO 'cde_feed'@'%';
