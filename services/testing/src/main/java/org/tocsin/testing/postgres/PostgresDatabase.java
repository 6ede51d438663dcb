package org.tocsin.testing.postgres;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Where to reach one database of a real PostgreSQL server. */
public record PostgresDatabase(String jdbcUrl, String username, String password) {

  /** A simple, unpooled data source for this database. */
  public DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(jdbcUrl);
    dataSource.setUser(username);
    dataSource.setPassword(password);
    return dataSource;
  }
}
