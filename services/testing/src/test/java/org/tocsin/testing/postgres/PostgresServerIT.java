package org.tocsin.testing.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tocsin.testing.junit.RealInfrastructure;

@ExtendWith(RealInfrastructure.class)
class PostgresServerIT {

  @Test
  void storesAndReadsBackRowsOnARealServer(PostgresDatabase database) throws Exception {
    try (Connection connection = database.dataSource().getConnection();
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE zone (id text PRIMARY KEY, name jsonb NOT NULL)");
      statement.execute("INSERT INTO zone VALUES ('BE-21004', '{\"nl\": \"Brussel\"}')");
      try (ResultSet rows = statement.executeQuery(
          "SELECT name ->> 'nl', current_setting('server_version_num')::int FROM zone")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("Brussel");
        assertThat(rows.getInt(2)).isGreaterThanOrEqualTo(150000);
      }
    }
  }

  @Test
  void givesEachNewDatabaseAnEmptySchema() throws Exception {
    PostgresDatabase first = PostgresServers.shared().createDatabase("isolation");
    PostgresDatabase second = PostgresServers.shared().createDatabase("isolation");
    try (Connection connection = first.dataSource().getConnection()) {
      connection.createStatement().execute("CREATE TABLE only_in_first (id int)");
    }
    try (Connection connection = second.dataSource().getConnection();
         ResultSet rows = connection.createStatement().executeQuery(
             "SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_in_first'")) {
      rows.next();
      assertThat(rows.getInt(1)).isZero();
    }
    assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
  }
}
