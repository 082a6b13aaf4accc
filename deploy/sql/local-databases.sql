-- Databases and least-privilege users of the local runtime (production: mysql-grants.sql, mariadb-grants.sql). ./dev substitutes the @..._PASSWORD@ placeholders
-- with the generated local secrets (never committed) and pipes this file to the private server as root.

CREATE DATABASE IF NOT EXISTS magento CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
CREATE DATABASE IF NOT EXISTS data_export CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
CREATE DATABASE IF NOT EXISTS commerce_services CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;

-- Debezium's signal table (incremental snapshot requests and the connector's own watermarks), in a database of
-- its own: the Magento schema stays untouched and read-only for every cde user.
CREATE DATABASE IF NOT EXISTS cde_signal CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
CREATE TABLE IF NOT EXISTS cde_signal.debezium_signal (
  id VARCHAR(42) NOT NULL PRIMARY KEY,
  type VARCHAR(32) NOT NULL,
  data VARCHAR(2048) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Debezium: the grants its MariaDB connector documents (snapshot lock, binlog streaming and monitoring),
-- with SELECT limited to the Commerce database, plus its signal table.
CREATE USER IF NOT EXISTS 'debezium'@'127.0.0.1' IDENTIFIED BY '@DEBEZIUM_PASSWORD@';
ALTER USER 'debezium'@'127.0.0.1' IDENTIFIED BY '@DEBEZIUM_PASSWORD@';
GRANT RELOAD, SHOW DATABASES, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO 'debezium'@'127.0.0.1';
GRANT SELECT, LOCK TABLES ON magento.* TO 'debezium'@'127.0.0.1';
GRANT SELECT, INSERT, UPDATE, DELETE ON cde_signal.debezium_signal TO 'debezium'@'127.0.0.1';

-- Feed services: read the Commerce DB, nothing else there.
CREATE USER IF NOT EXISTS 'cde_reader'@'127.0.0.1' IDENTIFIED BY '@READER_PASSWORD@';
ALTER USER 'cde_reader'@'127.0.0.1' IDENTIFIED BY '@READER_PASSWORD@';
GRANT SELECT ON magento.* TO 'cde_reader'@'127.0.0.1';

-- Feed state: its own credentials, owner of data_export only (runs the migrations).
CREATE USER IF NOT EXISTS 'cde_feed'@'127.0.0.1' IDENTIFIED BY '@FEED_PASSWORD@';
ALTER USER 'cde_feed'@'127.0.0.1' IDENTIFIED BY '@FEED_PASSWORD@';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, REFERENCES, CREATE TEMPORARY TABLES, LOCK TABLES
  ON data_export.* TO 'cde_feed'@'127.0.0.1';

-- The bundled commerce-services receiver: its own database only.
CREATE USER IF NOT EXISTS 'cde_receiver'@'127.0.0.1' IDENTIFIED BY '@RECEIVER_PASSWORD@';
ALTER USER 'cde_receiver'@'127.0.0.1' IDENTIFIED BY '@RECEIVER_PASSWORD@';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, REFERENCES, CREATE TEMPORARY TABLES, LOCK TABLES
  ON commerce_services.* TO 'cde_receiver'@'127.0.0.1';

FLUSH PRIVILEGES;
