package org.tocsin.systemtest;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The messages the Twilio fake accepted, read through its admin API ({@code /fake/messages}). */
final class SmsInbox {

  /** One SMS as the fake accepted it. */
  record Sms(String to, String from, String body) {
  }

  private final JsonHttp http;
  private final String fakeUrl;

  SmsInbox(JsonHttp http, String fakeUrl) {
    this.http = http;
    this.fakeUrl = fakeUrl;
  }

  /** Every message to the number (E.164), oldest first. */
  List<Sms> to(String number) {
    JsonHttp.Response response = http.get(fakeUrl + "/fake/messages", null);
    if (response.status() != 200) {
      throw new IllegalStateException("Twilio fake: " + response);
    }
    List<Sms> messages = new ArrayList<>();
    for (JsonNode message : response.json().path("messages")) {
      if (number.equals(message.path("to").asString())) {
        messages.add(new Sms(message.path("to").asString(), message.path("from").asString(),
            message.path("body").asString()));
      }
    }
    return messages;
  }
}
