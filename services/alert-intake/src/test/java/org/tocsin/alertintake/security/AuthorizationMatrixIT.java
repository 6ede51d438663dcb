package org.tocsin.alertintake.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.tocsin.alertintake.support.Api;
import org.tocsin.alertintake.support.ControllerMappings;
import org.tocsin.alertintake.support.ControllerMappings.Mapping;
import org.tocsin.alertintake.support.Fixtures;
import org.tocsin.alertintake.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Every controller mapping of alert-intake, as Spring registered it, crossed with every role
 * and with the person who drafted the alert, the one who asked for its release and a third
 * person. Each case prepares its own alert or zone, makes the call with a token of that person
 * holding only that role, and expects exactly one answer: the call's own status, 403 from the
 * role rules, or 403 from four eyes. A mapping without a rule here fails the build.
 */
class AuthorizationMatrixIT extends IntegrationTest {

  private static final List<String> ROLES = List.of("OPERATOR", "APPROVER", "AUDITOR", "ADMIN");
  private static final Set<String> READERS = Set.of("OPERATOR", "APPROVER", "AUDITOR");
  private static final Set<String> EVERYONE = Set.copyOf(ROLES);
  private static final Set<String> CHANGERS = Set.of("OPERATOR", "APPROVER");
  private static final String CAP = "application/cap+xml";
  private static final String CAP_TYPES = "application/cap+xml,application/xml,text/xml";
  private static final DateTimeFormatter CAP_TIME = DateTimeFormatter
      .ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneId.of("Europe/Brussels"));
  private static final AtomicInteger ZONES = new AtomicInteger();

  /** Who calls, relative to the alert of the case. */
  enum Who {
    DRAFTER("mx-drafter"), REQUESTER("mx-requester"), THIRD("mx-third");

    final String user;

    Who(String user) {
      this.user = user;
    }
  }

  /** What a case works on: an alert (and the hash awaiting approval), or a zone. */
  record Target(String alertId, String contentHash, String zoneId) {
  }

  @FunctionalInterface
  interface Fixture {
    Target prepare();
  }

  @FunctionalInterface
  interface Call {
    Api.Response make(Target target, String token);
  }

  /**
   * The rule of a mapping.
   *
   * @param status the answer to a caller the rules allow
   * @param roles the roles allowed
   * @param fourEyes the persons four eyes refuses, whatever their role
   */
  record Rule(Fixture fixture, Call call, int status, Set<String> roles, Set<Who> fourEyes) {
  }

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  private RequestMappingHandlerMapping handlerMapping;

  @Test
  void everyControllerMappingHasARuleAndEveryRuleAMapping() {
    assertThat(new TreeSet<>(rules().keySet().stream().map(Mapping::toString).toList()))
        .isEqualTo(new TreeSet<>(mappings().stream().map(Mapping::toString).toList()));
  }

  @TestFactory
  Stream<DynamicNode> everyMappingCrossedWithEveryRoleAndPerson() {
    Map<Mapping, Rule> rules = rules();
    List<DynamicNode> nodes = new ArrayList<>();
    for (Mapping mapping : mappings()) {
      Rule rule = rules.get(mapping);
      if (rule == null) {
        nodes.add(DynamicTest.dynamicTest(mapping + " has a rule", () ->
            assertThat(rule).as("no authorization rule for " + mapping).isNotNull()));
        continue;
      }
      List<DynamicTest> cases = new ArrayList<>();
      for (String role : ROLES) {
        for (Who who : Who.values()) {
          cases.add(DynamicTest.dynamicTest(role + " as " + who, () -> check(rule, role, who)));
        }
      }
      nodes.add(DynamicContainer.dynamicContainer(mapping.toString(), cases));
    }
    return nodes.stream();
  }

  private void check(Rule rule, String role, Who who) {
    Target target = rule.fixture().prepare();
    Api.Response response = rule.call().make(target, ISSUER.token(who.user, role));
    if (!rule.roles().contains(role)) {
      assertThat(response.status()).as(response.body()).isEqualTo(403);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.json().path("detail").asString()).startsWith("Your roles do not allow");
    } else if (rule.fourEyes().contains(who)) {
      assertThat(response.status()).as(response.body()).isEqualTo(403);
      assertThat(response.json().path("detail").asString()).startsWith("Four eyes");
    } else {
      assertThat(response.status()).as(response.body()).isEqualTo(rule.status());
    }
  }

  private List<Mapping> mappings() {
    return ControllerMappings.of(handlerMapping);
  }

  private Map<Mapping, Rule> rules() {
    Map<Mapping, Rule> rules = new LinkedHashMap<>();
    Set<Who> nobody = EnumSet.noneOf(Who.class);
    rules.put(new Mapping("POST", "/api/v1/alerts", "application/json"), new Rule(
        this::nothing, (t, token) -> api.post("/api/v1/alerts", token, Fixtures.alert("ACTUAL")),
        201, Set.of("OPERATOR"), nobody));
    rules.put(new Mapping("POST", "/api/v1/alerts", CAP_TYPES), new Rule(this::draft,
        (t, token) -> api.post("/api/v1/alerts", token, CAP, exported(t), Map.of()),
        201, Set.of("OPERATOR"), nobody));
    rules.put(new Mapping("GET", "/api/v1/alerts", ""), new Rule(this::nothing,
        (t, token) -> api.get("/api/v1/alerts?size=1", token), 200, READERS, nobody));
    rules.put(new Mapping("GET", "/api/v1/alerts/{id}", ""), new Rule(this::draft,
        (t, token) -> api.get(alert(t), token), 200, READERS, nobody));
    rules.put(new Mapping("GET", "/api/v1/alerts/{id}/cap", ""), new Rule(this::draft,
        (t, token) -> api.get(alert(t) + "/cap", token), 200, READERS, nobody));
    rules.put(new Mapping("GET", "/api/v1/alerts/{id}/audit", ""), new Rule(this::draft,
        (t, token) -> api.get(alert(t) + "/audit", token), 200, Set.of("AUDITOR", "APPROVER"),
        nobody));
    rules.put(new Mapping("POST", "/api/v1/alerts/{id}/issue", ""), new Rule(this::draft,
        (t, token) -> api.post(alert(t) + "/issue", token, null), 202, Set.of("OPERATOR"),
        nobody));
    rules.put(new Mapping("GET", "/api/v1/alerts/{id}/approval", ""), new Rule(this::pending,
        (t, token) -> api.get(alert(t) + "/approval", token), 200, READERS, nobody));
    rules.put(new Mapping("POST", "/api/v1/alerts/{id}/approve", ""), new Rule(this::pending,
        (t, token) -> api.post(alert(t) + "/approve", token,
            Map.of("contentHash", t.contentHash())),
        200, Set.of("APPROVER"), EnumSet.of(Who.DRAFTER, Who.REQUESTER)));
    rules.put(new Mapping("POST", "/api/v1/alerts/{id}/reject", ""), new Rule(this::pending,
        (t, token) -> api.post(alert(t) + "/reject", token, Map.of("reason", "not now")),
        200, Set.of("APPROVER"), nobody));
    rules.put(new Mapping("POST", "/api/v1/alerts/{id}/update", "application/json"), new Rule(
        this::live, (t, token) -> api.post(alert(t) + "/update", token,
            Fixtures.alert("ACTUAL")), 202, CHANGERS, nobody));
    rules.put(new Mapping("POST", "/api/v1/alerts/{id}/update", CAP_TYPES), new Rule(this::live,
        (t, token) -> api.post(alert(t) + "/update", token, CAP, referencing(t, "Update"),
            Map.of()), 202, CHANGERS, nobody));
    rules.put(new Mapping("POST", "/api/v1/alerts/{id}/cancel", ""), new Rule(this::live,
        (t, token) -> api.post(alert(t) + "/cancel", token, Map.of("reason", "in error")),
        200, CHANGERS, nobody));
    rules.put(new Mapping("POST", "/api/v1/alerts/{id}/cancel", CAP_TYPES), new Rule(this::live,
        (t, token) -> api.post(alert(t) + "/cancel", token, CAP, referencing(t, "Cancel"),
            Map.of()), 202, CHANGERS, nobody));
    rules.put(new Mapping("POST", "/api/v1/alerts/{id}/all-clear", ""), new Rule(this::live,
        (t, token) -> api.post(alert(t) + "/all-clear", token, Map.of("reason", "over")),
        200, CHANGERS, nobody));
    rules.put(new Mapping("POST", "/api/v1/zones", "application/geo+json,application/json"),
        new Rule(this::nothing, (t, token) -> api.post("/api/v1/zones", token, zoneCollection(
            "MX-NEW-" + ZONES.incrementAndGet())), 200, Set.of("ADMIN"), nobody));
    rules.put(new Mapping("GET", "/api/v1/zones", ""), new Rule(this::nothing,
        (t, token) -> api.get("/api/v1/zones?size=1", token), 200, EVERYONE, nobody));
    rules.put(new Mapping("GET", "/api/v1/zones/{id}", ""), new Rule(this::zone,
        (t, token) -> api.get("/api/v1/zones/" + t.zoneId(), token), 200, EVERYONE, nobody));
    rules.put(new Mapping("GET", "/api/v1/zones/{id}/versions", ""), new Rule(this::zone,
        (t, token) -> api.get("/api/v1/zones/" + t.zoneId() + "/versions", token), 200,
        EVERYONE, nobody));
    rules.put(new Mapping("GET", "/api/v1/zones/{id}/versions/{version}", ""), new Rule(
        this::zone, (t, token) -> api.get("/api/v1/zones/" + t.zoneId() + "/versions/1", token),
        200, EVERYONE, nobody));
    rules.put(new Mapping("DELETE", "/api/v1/zones/{id}", ""), new Rule(this::zone,
        (t, token) -> api.delete("/api/v1/zones/" + t.zoneId(), token), 204, Set.of("ADMIN"),
        nobody));
    return rules;
  }

  private Target nothing() {
    return new Target(null, null, null);
  }

  /** An ACTUAL draft by the drafter. */
  private Target draft() {
    Api.Response created = api.post("/api/v1/alerts", ISSUER.token(Who.DRAFTER.user, "OPERATOR"),
        Fixtures.alert("ACTUAL"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return new Target(created.json().path("id").asString(), null, null);
  }

  /** An ACTUAL alert by the drafter, whose release the requester asked for. */
  private Target pending() {
    Target draft = draft();
    Api.Response issued = api.post(alert(draft) + "/issue",
        ISSUER.token(Who.REQUESTER.user, "OPERATOR"), null);
    assertThat(issued.status()).as(issued.body()).isEqualTo(202);
    return new Target(draft.alertId(),
        issued.json().path("pendingApproval").path("contentHash").asString(), null);
  }

  /** An ACTUAL alert by the drafter, asked for by the requester, released by a fourth person. */
  private Target live() {
    Target pending = pending();
    Api.Response approved = api.post(alert(pending) + "/approve",
        ISSUER.token("mx-approver", "APPROVER"), Map.of("contentHash", pending.contentHash()));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    return pending;
  }

  private Target zone() {
    String id = "MX-" + ZONES.incrementAndGet();
    Api.Response imported = api.post("/api/v1/zones", admin(), zoneCollection(id));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    return new Target(null, null, id);
  }

  /** A zone in Luxembourg, where no other test draws. */
  private static Map<String, Object> zoneCollection(String id) {
    return Fixtures.featureCollection(Fixtures.feature(id, "custom", "Matrix", "Matrice",
        Fixtures.square(6.00, 49.60, 6.05, 49.65), List.of()));
  }

  private static String alert(Target target) {
    return "/api/v1/alerts/" + target.alertId();
  }

  private String exported(Target target) {
    Api.Response exported = api.get(alert(target) + "/cap", auditor());
    assertThat(exported.status()).as(exported.body()).isEqualTo(200);
    return exported.body();
  }

  /** The alert's published message as a CAP Update or Cancel of it, with its own texts. */
  private String referencing(Target target, String msgType) {
    JsonNode first = api.get(alert(target), auditor()).json().path("versions").get(0);
    String reference = "tocsin.invalid," + first.path("identifier").asString() + ","
        + CAP_TIME.format(Instant.parse(first.path("sent").asString()));
    return exported(target)
        .replaceFirst("<identifier>[^<]*</identifier>",
            "<identifier>MX-" + UUID.randomUUID() + "</identifier>")
        .replace("<msgType>Alert</msgType>", "<msgType>" + msgType + "</msgType>")
        .replaceFirst("<info>", "<references>" + reference + "</references><info>");
  }
}
