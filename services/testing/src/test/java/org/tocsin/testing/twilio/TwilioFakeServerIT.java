package org.tocsin.testing.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake as a process of its own, as the Docker stack runs it. */
class TwilioFakeServerIT {

  private static final String ACCOUNT_SID = "AC" + "00000000000000000000000000000042";
  private static final String AUTH_TOKEN = "token-from-the-environment";

  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void servesOnThePortAndWithTheCredentialsOfItsEnvironment() throws Exception {
    int port = freePort();
    start(port);

    assertThat(sendMessage(port, ACCOUNT_SID, AUTH_TOKEN).statusCode()).isEqualTo(201);
    assertThat(sendMessage(port, TwilioFake.DEFAULT_ACCOUNT_SID, TwilioFake.DEFAULT_AUTH_TOKEN)
        .statusCode()).isEqualTo(401);
    HttpResponse<String> inbox = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fake/messages")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(inbox.body()).contains("+32470123456");
  }

  @Test
  void stopsWhenTheProcessIsTerminated() throws Exception {
    start(freePort());

    process.destroy();

    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  private void start(int port) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), TwilioFakeServer.class.getName())
        .redirectErrorStream(true);
    builder.environment().put("TWILIO_FAKE_HOST", "127.0.0.1");
    builder.environment().put("TWILIO_FAKE_PORT", Integer.toString(port));
    builder.environment().put("TWILIO_FAKE_ACCOUNT_SID", ACCOUNT_SID);
    builder.environment().put("TWILIO_FAKE_AUTH_TOKEN", AUTH_TOKEN);
    process = builder.start();
    BufferedReader output = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = output.readLine();
    assertThat(line).as("first line of the fake's output").contains("listening on 127.0.0.1:" + port);
  }

  private HttpResponse<String> sendMessage(int port, String accountSid, String authToken)
      throws IOException, InterruptedException {
    String credentials = Base64.getEncoder().encodeToString(
        (accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/2010-04-01/Accounts/" + accountSid + "/Messages.json"))
        .header("Authorization", "Basic " + credentials)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(
            "To=%2B32470123456&From=%2B32460000000&Body=TEST"))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
