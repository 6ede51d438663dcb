package org.tocsin.testing.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/** A real PostgreSQL server on which each test context gets a database of its own. */
public interface PostgresServer extends AutoCloseable {

  /** The server's maintenance database, from which others are created. */
  PostgresDatabase adminDatabase();

  /** Where a database of this name is reached on this server. */
  PostgresDatabase database(String name);

  /** Creates an empty database with a unique name. */
  default PostgresDatabase createDatabase(String prefix) {
    String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", ""))
        .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    try (Connection connection = adminDatabase().dataSource().getConnection();
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name, e);
    }
    return database(name);
  }

  /** The database of this name, created empty if the server does not have it yet. */
  default PostgresDatabase createDatabaseIfMissing(String name) {
    if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("Not a plain database name: " + name);
    }
    try (Connection connection = adminDatabase().dataSource().getConnection();
         Statement statement = connection.createStatement()) {
      try (ResultSet existing = statement.executeQuery(
          "SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
        if (!existing.next()) {
          statement.execute("CREATE DATABASE " + name);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name, e);
    }
    return database(name);
  }

  @Override
  void close();
}
