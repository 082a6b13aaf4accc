-- cde's databases and least-privilege users on a MySQL 8 Commerce DB server (self-managed, RDS, Aurora MySQL).
-- Replace the @...@ placeholders (docs/runbooks/database-prerequisites.md) and run as an administrator. The
-- docker-compose.yml stack runs this file at the first start of its MySQL. Each user gets only what it uses; the
-- Magento schema stays read-only for all of them.

CREATE DATABASE IF NOT EXISTS data_export CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
CREATE DATABASE IF NOT EXISTS cde_signal CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;

-- Debezium's signal table (incremental snapshots), outside the Magento schema.
CREATE TABLE IF NOT EXISTS cde_signal.debezium_signal (
  id VARCHAR(42) NOT NULL PRIMARY KEY,
  type VARCHAR(32) NOT NULL,
  data VARCHAR(2048) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Debezium (MySQL connector): binlog streaming and the schema snapshot. RELOAD and LOCK TABLES serve the
-- snapshot's brief lock; on RDS and Aurora, where RELOAD (FLUSH TABLES WITH READ LOCK) is not granted, the
-- connector falls back to table locks.
CREATE USER IF NOT EXISTS 'debezium'@'%' IDENTIFIED BY '@DEBEZIUM_PASSWORD@';
GRANT RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'debezium'@'%';
GRANT SELECT, LOCK TABLES ON `@MAGENTO_DB@`.* TO 'debezium'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON cde_signal.debezium_signal TO 'debezium'@'%';

-- Feed services: read the Commerce DB, nothing else there.
CREATE USER IF NOT EXISTS 'cde_reader'@'%' IDENTIFIED BY '@READER_PASSWORD@';
GRANT SELECT ON `@MAGENTO_DB@`.* TO 'cde_reader'@'%';

-- Feed state (may live on another server): owner of data_export only; runs the migrations.
CREATE USER IF NOT EXISTS 'cde_feed'@'%' IDENTIFIED BY '@FEED_PASSWORD@';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, REFERENCES, CREATE TEMPORARY TABLES, LOCK TABLES
  ON data_export.* TO 'cde_feed'@'%';
