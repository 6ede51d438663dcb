package org.tocsin.subscriptions.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tocsin.subscriptions.contact.EmailAddress;
import org.tocsin.subscriptions.contact.MobileNumber;
import org.tocsin.testing.junit.RealInfrastructure;
import org.tocsin.testing.postgres.PostgresDatabase;

/**
 * The rules of the abuse guard over the rate-limit tables of a real PostgreSQL database, and
 * their state shared by two guards (two instances of the service) and kept for a new one (a
 * restart).
 */
@ExtendWith(RealInfrastructure.class)
class AbuseGuardIT {

  private static final AbuseProperties LIMITS = new AbuseProperties(
      Rate.parse("3/1m"), Rate.parse("100/1m"), Rate.parse("2/1h"), Rate.parse("100/1m"),
      Rate.parse("2/1h"), Rate.parse("2/1h"), Rate.parse("2/1h"), List.of("BE"));
  private static DataSource dataSource;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final AbuseGuard guard = newGuard(meters);

  @BeforeAll
  static void migrate(PostgresDatabase database) {
    dataSource = database.dataSource();
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load()
        .migrate();
  }

  @BeforeEach
  void forgetEarlierTests() {
    JdbcClient.create(dataSource).sql("TRUNCATE rate_limit_bucket, rate_limit_seen").update();
  }

  private static AbuseGuard newGuard(SimpleMeterRegistry meters) {
    return new AbuseGuard(LIMITS, new RateLimitStore(dataSource, Clock.systemUTC()), meters);
  }

  @Test
  void twoInstancesDrawFromTheSameBucketsAndANewInstanceInheritsThem() {
    AbuseGuard other = newGuard(meters);
    EmailAddress mail = new EmailAddress(unique() + "@example.org");
    guard.codeToSend(ClientAddress.of("198.51.100.21"), mail);
    other.codeToSend(ClientAddress.of("198.51.100.22"), mail);
    assertRefused(() -> guard.codeToSend(ClientAddress.of("198.51.100.23"), mail),
        AbuseRule.CODES_PER_CONTACT);
    assertRefused(() -> other.codeToSend(ClientAddress.of("198.51.100.24"), mail),
        AbuseRule.CODES_PER_CONTACT);
    AbuseGuard restarted = newGuard(meters);
    assertRefused(() -> restarted.codeToSend(ClientAddress.of("198.51.100.25"), mail),
        AbuseRule.CODES_PER_CONTACT);

    ClientAddress client = ClientAddress.of("198.51.100.26");
    String block = "+324705" + unique().substring(0, 3) + "0";
    guard.codeToSend(client, new MobileNumber(block + "1", "BE"));
    other.codeToSend(client, new MobileNumber(block + "1", "BE"));
    other.codeToSend(client, new MobileNumber(block + "2", "BE"));
    assertRefused(() -> restarted.codeToSend(client, new MobileNumber(block + "3", "BE")),
        AbuseRule.SMS_NUMBERS_PER_CLIENT);
  }

  @Test
  void countsDistinctNumbersPerClientNotRepeatsOfOne() {
    ClientAddress client = ClientAddress.of("198.51.100.1");
    guard.codeToSend(client, new MobileNumber("+32470111111", "BE"));
    guard.codeToSend(client, new MobileNumber("+32470111111", "BE"));
    guard.codeToSend(client, new MobileNumber("+32470222222", "BE"));
    assertRefused(() -> guard.codeToSend(client, new MobileNumber("+32470333333", "BE")),
        AbuseRule.SMS_NUMBERS_PER_CLIENT);
    guard.codeToSend(ClientAddress.of("198.51.100.2"), new MobileNumber("+32470333333", "BE"));
  }

  @Test
  void refusesAThirdNumberOfOneBlockWhoeverAsks() {
    guard.codeToSend(ClientAddress.of("198.51.100.1"), new MobileNumber("+32470555501", "BE"));
    guard.codeToSend(ClientAddress.of("198.51.100.2"), new MobileNumber("+32470555502", "BE"));
    assertRefused(() -> guard.codeToSend(ClientAddress.of("198.51.100.3"),
        new MobileNumber("+32470555503", "BE")), AbuseRule.SMS_SEQUENTIAL_NUMBERS);
  }

  @Test
  void limitsCodesToAForeignRegionButNotToAHomeRegion() {
    guard.codeToSend(ClientAddress.of("198.51.100.1"), new MobileNumber("+31612000001", "NL"));
    guard.codeToSend(ClientAddress.of("198.51.100.2"), new MobileNumber("+31613000001", "NL"));
    assertRefused(() -> guard.codeToSend(ClientAddress.of("198.51.100.3"),
        new MobileNumber("+31614000001", "NL")), AbuseRule.SMS_REGION_BURST);
    for (int i = 0; i < 5; i++) {
      guard.codeToSend(ClientAddress.of("198.51.100." + (10 + i)),
          new MobileNumber("+3247" + i + "000001", "BE"));
    }
  }

  @Test
  void limitsCodesPerContactAndRegistrationsPerClient() {
    EmailAddress mail = new EmailAddress("a@example.org");
    guard.codeToSend(ClientAddress.of("198.51.100.1"), mail);
    guard.codeToSend(ClientAddress.of("198.51.100.2"), mail);
    assertRefused(() -> guard.codeToSend(ClientAddress.of("198.51.100.3"), mail),
        AbuseRule.CODES_PER_CONTACT);
    ClientAddress client = ClientAddress.of("198.51.100.9");
    for (int i = 0; i < 3; i++) {
      guard.registration(client);
    }
    assertRefused(() -> guard.registration(client), AbuseRule.REGISTRATIONS_PER_CLIENT);
  }

  @Test
  void keepsWhatStillCountsAndForgetsBucketsOnceFullAgainAndNumbersOnceTheirPeriodIsOver()
      throws InterruptedException {
    RateLimitStore store = new RateLimitStore(dataSource, Clock.systemUTC());
    ClientAddress client = ClientAddress.of("198.51.100.31");
    guard.codeToSend(client, new MobileNumber("+32470999901", "BE"));
    assertThat(store.purgeExpired()).as("nothing is forgotten while it still counts").isZero();
    guard.codeToSend(client, new MobileNumber("+32470999901", "BE"));
    assertRefused(() -> guard.codeToSend(client, new MobileNumber("+32470999901", "BE")),
        AbuseRule.CODES_PER_CONTACT);
    forgetEarlierTests();

    Rate brief = Rate.parse("1/100ms");
    AbuseGuard shortLived = new AbuseGuard(new AbuseProperties(brief, brief, brief, brief,
        brief, brief, brief, List.of("BE")), store, meters);
    shortLived.codeToSend(client, new MobileNumber("+32470999901", "BE"));
    JdbcClient jdbc = JdbcClient.create(dataSource);
    assertThat(count(jdbc, "rate_limit_bucket")).isPositive();
    assertThat(count(jdbc, "rate_limit_seen")).isPositive();
    // The wait is what the rows themselves say: until the latest expiry has passed.
    long bucketsExpireAt = jdbc.sql("SELECT max(expires_at) FROM rate_limit_bucket")
        .query(Long.class).single();
    long seenExpireAt = jdbc.sql(
            "SELECT (extract(epoch FROM max(expires_at)) * 1000)::bigint FROM rate_limit_seen")
        .query(Long.class).single();
    Thread.sleep(Math.max(0, Math.max(bucketsExpireAt, seenExpireAt) + 1
        - System.currentTimeMillis()));

    assertThat(store.purgeExpired()).isPositive();
    assertThat(count(jdbc, "rate_limit_bucket")).isZero();
    assertThat(count(jdbc, "rate_limit_seen")).isZero();
  }

  private static long count(JdbcClient jdbc, String table) {
    return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
  }

  private static String unique() {
    return Long.toString(System.nanoTime() % 1_000_000_000L + 1_000_000_000L);
  }

  private void assertRefused(Runnable request, AbuseRule rule) {
    double before = meters.counter("tocsin.subscriptions.abuse.refused", "rule", rule.tag())
        .count();
    assertThatThrownBy(request::run).isInstanceOfSatisfying(RateLimitedException.class, e -> {
      assertThat(e.rule()).isEqualTo(rule);
      assertThat(e.retryAfter()).isPositive();
    });
    assertThat(meters.counter("tocsin.subscriptions.abuse.refused", "rule", rule.tag()).count())
        .isEqualTo(before + 1);
  }
}
