package org.tocsin.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tocsin.events.v1.Channel;
import org.tocsin.events.v1.SubscriberChanged;

/**
 * The citizen page in real headless Chromium, with map tiles out of reach (as on this machine):
 * a citizen registers, gets the code by SMS, confirms it, adds places by coordinates and by
 * postcode, and erases everything.
 */
@ServiceIT
class CitizenPageIT {

  private static Chromium chromium;

  @LocalServerPort
  int port;
  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;
  @Autowired
  JdbcTemplate jdbc;

  @BeforeAll
  static void browser() {
    chromium = Chromium.start();
  }

  @AfterAll
  static void closeBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void aCitizenRegistersConfirmsTheSmsCodeAddsPlacesAndErasesEverything() {
    KafkaTopicsReader topics = new KafkaTopicsReader(bootstrapServers);
    try (ZoneFixtures zones = new ZoneFixtures(bootstrapServers)) {
      zones.publish(ZoneFixtures.municipality("page-it-gent",
          Map.of("nl", "Gent", "fr", "Gand", "de", "Gent", "en", "Ghent"), List.of("9000"),
          51.0543, 3.7174));
    }
    WebDriver browser = chromium.driver();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get("http://127.0.0.1:" + port + "/?lang=en");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("phone")));
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
    assertEveryControlHasAName(browser);

    new Select(browser.findElement(By.id("language"))).selectByValue("nl");
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nl");
    assertThat(browser.findElement(By.id("register-button")).getText()).isEqualTo("Inschrijven");
    new Select(browser.findElement(By.id("language"))).selectByValue("en");

    String number = Numbers.randomBelgianMobile();
    browser.findElement(By.id("phone")).sendKeys(number);
    browser.findElement(By.id("register-button")).click();

    WebElement codeInput = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#verify-list input")));
    UUID subscriberId = subscriberIdFromAddressBar(browser);
    String code = topics.awaitCode(Channel.SMS, number);
    codeInput.sendKeys(code);
    browser.findElement(By.cssSelector("#verify-list button[id^=verify-]")).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("save-button")));
    assertThat(browser.findElement(By.id("contact-list")).getText()).contains(number);
    assertThat(browser.findElement(By.id("map-note")).isDisplayed())
        .as("the page says the map is unavailable and offers coordinates and postcodes")
        .isTrue();

    browser.findElement(By.id("place-label")).sendKeys("Home");
    browser.findElement(By.id("place-latitude")).sendKeys("50.8467");
    browser.findElement(By.id("place-longitude")).sendKeys("4.3525");
    browser.findElement(By.id("add-place")).click();
    browser.findElement(By.id("zone-query")).sendKeys("9000");
    browser.findElement(By.id("zone-search")).click();
    wait.until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("#zone-results button"))).click();
    browser.findElement(By.id("save-button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
        "saved"));

    ConsumerRecord<String, SubscriberChanged> saved = topics.awaitSubscriber(subscriberId,
        value -> value != null && value.getLocations().size() == 2);
    assertThat(saved.value().getLocations())
        .extracting(location -> location.getLabel().toString())
        .containsExactly("Home", "Ghent");
    assertThat(saved.value().getContacts()).singleElement()
        .satisfies(contact -> assertThat(contact.getAddress()).isEqualTo(number));

    browser.findElement(By.id("erase-button")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("erase-yes"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("erased-title")));

    assertThat(jdbc.queryForObject("SELECT count(*) FROM subscriber WHERE id = ?", Long.class,
        subscriberId)).isZero();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM contact WHERE address = ?",
        Long.class, number)).isZero();
    topics.awaitSubscriber(subscriberId, value -> value == null);
  }

  private static UUID subscriberIdFromAddressBar(WebDriver browser) {
    String hash = (String) ((JavascriptExecutor) browser).executeScript("return location.hash");
    assertThat(hash).startsWith("#manage=");
    return UUID.fromString(hash.substring("#manage=".length(), hash.indexOf('.')));
  }

  /** Every visible form control has a label or an accessible name. */
  private static void assertEveryControlHasAName(WebDriver browser) {
    Object unnamed = ((JavascriptExecutor) browser).executeScript("""
        return [...document.querySelectorAll('input, select, button, textarea')]
          .filter(element => element.offsetParent !== null)
          .filter(element => !(element.labels && element.labels.length)
            && !element.getAttribute('aria-label') && !element.textContent.trim())
          .map(element => element.id || element.outerHTML);""");
    assertThat((List<?>) unnamed).as("controls without a label").isEmpty();
  }
}
