package org.tocsin.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.tocsin.local.issuer.DemoOperator;
import org.tocsin.local.issuer.DemoOperators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class LocalConsoleIT {

  private static final HttpClient http = HttpClient.newHttpClient();
  private static GreenMail smtp;
  private static DemoOperators operators;
  private static ConfigurableApplicationContext console;
  private static String baseUrl;

  @BeforeAll
  static void start() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    baseUrl = "http://127.0.0.1:" + port;
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
    smtp.start();
    operators = DemoOperators.loadOrCreate(Files.createTempDirectory("local-console"));
    console = new SpringApplicationBuilder(LocalConsoleApplication.class)
        .initializers(context -> {
          context.getBeanFactory().registerSingleton("smtp", smtp);
          context.getBeanFactory().registerSingleton("operators", operators);
          context.getBeanFactory().registerSingleton("index",
              new LocalIndex().add("SMS inbox", "http://127.0.0.1:8099/"));
        })
        .run("--server.port=" + port,
            "--spring.security.oauth2.authorizationserver.issuer=" + baseUrl);
  }

  @AfterAll
  static void stop() {
    console.close();
    smtp.stop();
  }

  @Test
  void issuesAnOperatorASignedTokenCarryingItsNameRolesAndAudience() throws Exception {
    DemoOperator approver = operator("approver");
    HttpResponse<String> response = tokenRequest(approver.name(), approver.secret());
    assertThat(response.statusCode()).isEqualTo(200);
    String token = new ObjectMapper().readTree(response.body()).get("access_token").asString();

    JwtDecoder decoder = JwtDecoders.fromIssuerLocation(baseUrl);
    Jwt jwt = decoder.decode(token);

    assertThat(jwt.getIssuer().toString()).isEqualTo(baseUrl);
    assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo("approver");
    assertThat(jwt.getClaimAsStringList("roles")).containsExactly("OPERATOR", "APPROVER");
    assertThat(jwt.getAudience()).containsExactly("tocsin-api");
    assertThat(jwt.getSubject()).isEqualTo("approver");
  }

  @Test
  void refusesAWrongSecret() throws Exception {
    assertThat(tokenRequest("operator", "not-the-secret").statusCode()).isEqualTo(401);
  }

  @Test
  void keepsTheGeneratedSecretsAcrossRestarts() {
    DemoOperators reloaded = DemoOperators.loadOrCreate(operators.secretsFile().getParent());
    assertThat(reloaded.all()).isEqualTo(operators.all());
    assertThat(operators.all()).extracting(DemoOperator::secret).doesNotHaveDuplicates()
        .allSatisfy(secret -> assertThat(secret).hasSize(36));
  }

  @Test
  void showsTheMailsTheLocalSmtpServerReceived() throws Exception {
    GreenMailUtil.sendTextEmail("citizen@example.org", "tocsin@example.org",
        "Tocsin: <verification>", "Your code is 123456", smtp.getSmtp().getServerSetup());

    JsonNode mails = new ObjectMapper().readTree(get("/mail/messages").body());
    String page = get("/mail").body();

    assertThat(mails.get(0).get("to").asString()).isEqualTo("citizen@example.org");
    assertThat(mails.get(0).get("body").asString()).contains("123456");
    assertThat(page).contains("Tocsin: &lt;verification&gt;");
  }

  @Test
  void listsTheLocalUrlsAndDeniesEverythingElse() throws Exception {
    assertThat(get("/").body()).contains("http://127.0.0.1:8099/");
    assertThat(get("/actuator/env").statusCode()).isIn(401, 403);
  }

  private static DemoOperator operator(String name) {
    return operators.all().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
  }

  private static HttpResponse<String> tokenRequest(String client, String secret)
      throws Exception {
    String basic = Base64.getEncoder().encodeToString((client + ":" + secret)
        .getBytes(StandardCharsets.UTF_8));
    return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/token"))
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

}
