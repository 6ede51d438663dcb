package org.tocsin.subscriptions.verification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tocsin.events.topics.Topics;
import org.tocsin.events.v1.DeliveryTask;
import org.tocsin.outbox.Outbox;
import org.tocsin.subscriptions.SubscriptionsProperties;
import org.tocsin.subscriptions.verification.CodeCheck.Outcome;

/**
 * Codes that prove a citizen holds a contact. A code is stored hashed, works once, until it
 * expires, and locks after too many wrong attempts; a new code replaces the earlier one of the
 * same contact and purpose. It reaches the contact only as a delivery task handed to the
 * dispatchers through the outbox, in the transaction that made it.
 *
 * <p>Both operations run in the caller's transaction, which holds the lock of the contact's
 * subscriber.
 */
@Component
public class VerificationCodes {

  private final JdbcClient jdbc;
  private final Outbox outbox;
  private final Topics topics;
  private final VerificationProperties properties;
  private final VerificationMessages messages;
  private final Clock clock;

  public VerificationCodes(JdbcClient jdbc, Outbox outbox, Topics topics,
                           VerificationProperties properties,
                           SubscriptionsProperties service, Clock clock) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.topics = topics;
    this.properties = properties;
    this.messages = new VerificationMessages(service.subscriptions().publicUrl());
    this.clock = clock;
  }

  /** Makes a new code for the recipient's contact and hands its message to the dispatchers. */
  @Transactional(propagation = Propagation.MANDATORY)
  public IssuedCode issue(Recipient recipient, CodePurpose purpose) {
    return store(prepare(recipient, purpose));
  }

  /**
   * Makes a new code and its message without touching the database, so that a transaction
   * holds its connection only for what it writes.
   */
  public NewCode prepare(Recipient recipient, CodePurpose purpose) {
    Instant now = clock.instant();
    Instant expires = now.plus(properties.codeValidity());
    String code = CodeHasher.newCode(properties.codeDigits());
    byte[] salt = CodeHasher.newSalt();
    long minutes = Math.max(1, properties.codeValidity().toMinutes());
    String shortText = messages.shortText(purpose, recipient.language(), code, minutes);
    String description = messages.description(purpose, recipient.language(),
        recipient.contactId(), code, minutes);
    return new NewCode(recipient, purpose, salt, CodeHasher.hash(salt, code), now, expires,
        VerificationTasks.task(recipient, shortText, description, now, expires));
  }

  /**
   * Stores a prepared code, replacing the contact's earlier one of the same purpose, and hands
   * its message to the dispatchers.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public IssuedCode store(NewCode code) {
    Recipient recipient = code.recipient;
    jdbc.sql("""
            INSERT INTO verification_code (id, contact_id, purpose, salt, code_hash, attempts,
                                           created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, 0, ?, ?)
            ON CONFLICT (contact_id, purpose) DO UPDATE SET id = excluded.id,
                salt = excluded.salt, code_hash = excluded.code_hash, attempts = 0,
                created_at = excluded.created_at, expires_at = excluded.expires_at,
                used_at = NULL""")
        .params(UUID.randomUUID(), recipient.contactId(), code.purpose.name(), code.salt,
            code.hash, Timestamp.from(code.createdAt), Timestamp.from(code.expiresAt))
        .update();
    outbox.add(topics.verifications(recipient.address().channel()),
        recipient.address().address(), code.task);
    return new IssuedCode(recipient.contactId(), code.expiresAt);
  }

  /**
   * Checks a code entered for a contact. A wrong code costs an attempt, which stays counted
   * whatever the caller does next, so the caller's transaction must commit.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public CodeCheck check(UUID contactId, CodePurpose purpose, String code) {
    StoredCode stored = jdbc.sql("""
            SELECT id, salt, code_hash, attempts, expires_at, used_at FROM verification_code
            WHERE contact_id = ? AND purpose = ? FOR UPDATE""")
        .param(contactId).param(purpose.name())
        .query((rs, row) -> new StoredCode((UUID) rs.getObject("id"), rs.getBytes("salt"),
            rs.getBytes("code_hash"), rs.getInt("attempts"),
            rs.getTimestamp("expires_at").toInstant(), rs.getTimestamp("used_at") != null))
        .optional().orElse(null);
    if (stored == null) {
      return new CodeCheck(Outcome.NONE, 0);
    }
    int left = properties.maxAttempts() - stored.attempts();
    if (stored.used()) {
      return new CodeCheck(Outcome.USED, left);
    }
    if (left <= 0) {
      return new CodeCheck(Outcome.LOCKED, 0);
    }
    Instant now = clock.instant();
    if (!now.isBefore(stored.expiresAt())) {
      return new CodeCheck(Outcome.EXPIRED, left);
    }
    if (code == null || !CodeHasher.matches(stored.salt(), stored.hash(), code)) {
      jdbc.sql("UPDATE verification_code SET attempts = attempts + 1 WHERE id = ?")
          .param(stored.id()).update();
      return left - 1 <= 0 ? new CodeCheck(Outcome.LOCKED, 0)
          : new CodeCheck(Outcome.WRONG, left - 1);
    }
    jdbc.sql("UPDATE verification_code SET used_at = ? WHERE id = ?")
        .param(Timestamp.from(now)).param(stored.id()).update();
    return new CodeCheck(Outcome.ACCEPTED, left);
  }

  /** What is held about the codes of these contacts. */
  public List<CodeRecord> records(Collection<UUID> contactIds) {
    if (contactIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            SELECT contact_id, purpose, created_at, expires_at, attempts, used_at
            FROM verification_code WHERE contact_id = ANY (?) ORDER BY created_at""")
        .param(contactIds.toArray(UUID[]::new))
        .query((rs, row) -> new CodeRecord((UUID) rs.getObject(1),
            CodePurpose.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant(),
            rs.getTimestamp(4).toInstant(), rs.getInt(5),
            rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
        .list();
  }

  /** Deletes codes that expired more than a day ago; returns how many. */
  @Transactional
  public int purgeExpired() {
    return jdbc.sql("DELETE FROM verification_code WHERE expires_at < ?")
        .param(Timestamp.from(clock.instant().minusSeconds(24 * 3600))).update();
  }

  /** A code made for a contact, not stored yet; its clear value exists only in its message. */
  public static final class NewCode {

    private final Recipient recipient;
    private final CodePurpose purpose;
    private final byte[] salt;
    private final byte[] hash;
    private final Instant createdAt;
    private final Instant expiresAt;
    private final DeliveryTask task;

    private NewCode(Recipient recipient, CodePurpose purpose, byte[] salt, byte[] hash,
                    Instant createdAt, Instant expiresAt, DeliveryTask task) {
      this.recipient = recipient;
      this.purpose = purpose;
      this.salt = salt;
      this.hash = hash;
      this.createdAt = createdAt;
      this.expiresAt = expiresAt;
      this.task = task;
    }
  }

  private record StoredCode(UUID id, byte[] salt, byte[] hash, int attempts, Instant expiresAt,
                            boolean used) {
  }
}
