package org.tocsin.local;

/**
 * Where the local stack's infrastructure listens, as the services and the demo seed need it.
 *
 * @param kafkaBootstrapServers the broker
 * @param postgresPort the PostgreSQL server's port on 127.0.0.1 (user and password postgres)
 * @param smtpPort the SMTP server's port on 127.0.0.1
 * @param twilioFakeUrl the Twilio fake's base URL
 * @param twilioAccountSid the account the fake accepts
 * @param twilioAuthToken that account's token
 * @param issuerUrl the local OIDC issuer of the operators' tokens
 * @param pushFakeUrl the push service fake's origin
 * @param vapidPublicKey the application server key dispatcher-push signs with (base64url)
 * @param vapidPrivateKey its private half
 */
public record LocalInfrastructure(String kafkaBootstrapServers, int postgresPort, int smtpPort,
                           String twilioFakeUrl, String twilioAccountSid, String twilioAuthToken,
                           String issuerUrl, String pushFakeUrl, String vapidPublicKey,
                           String vapidPrivateKey) {

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
  }
}
