package org.tocsin.alertintake.alert;

import java.time.Instant;
import org.tocsin.alertintake.operator.Operator;
import org.tocsin.alertintake.operator.Role;
import org.tocsin.alertintake.rejection.Rejection;
import org.tocsin.events.v1.AlertStatus;

/**
 * The rules of an alert's life: DRAFT → (APPROVAL_REQUIRED →) ISSUED → UPDATED / CANCELLED /
 * EXPIRED, and who may move it. An ACTUAL alert is released only by a second person (four
 * eyes); EXERCISE and TEST alerts need no approval.
 */
final class AlertLifecycle {

  private AlertLifecycle() {
  }

  /** What asking to issue leads to: publication, or waiting for a second person. */
  static AlertState issue(Alert alert, Instant now) {
    requireState(alert, "issued", AlertState.DRAFT);
    requireNotExpired(alert, now);
    return alert.content().status() == AlertStatus.ACTUAL
        ? AlertState.APPROVAL_REQUIRED : AlertState.ISSUED;
  }

  static void approve(Alert alert, Operator approver, Instant now) {
    requireState(alert, "approved", AlertState.APPROVAL_REQUIRED);
    if (approver.name().equals(alert.createdBy())
        || approver.name().equals(alert.issueRequestedBy())) {
      throw Rejection.forbidden("Four eyes: " + approver.name() + " drafted or asked to issue "
          + "this alert and cannot also approve it; a second person must");
    }
    requireNotExpired(alert, now);
  }

  static void reject(Alert alert) {
    requireState(alert, "rejected", AlertState.APPROVAL_REQUIRED);
  }

  /** A correction of an issued alert; an ACTUAL one only by an approver who did not draft it. */
  static void update(Alert alert, Operator operator, AlertStatus newStatus, Instant now) {
    requireState(alert, "updated", AlertState.ISSUED, AlertState.UPDATED);
    requireNotExpired(alert, now);
    if (newStatus != alert.content().status()) {
      throw Rejection.conflict("An update cannot change the status from "
          + alert.content().status() + " to " + newStatus + "; cancel and issue a new alert");
    }
    if (alert.content().status() == AlertStatus.ACTUAL) {
      if (!operator.has(Role.APPROVER)) {
        throw Rejection.forbidden("Correcting an ACTUAL alert takes the APPROVER role");
      }
      if (operator.name().equals(alert.createdBy())) {
        throw Rejection.forbidden("Four eyes: " + operator.name() + " drafted this alert; a "
            + "correction of an ACTUAL alert is made by another approver");
      }
    }
  }

  /** What cancelling leads to; an alert not yet published is withdrawn without a message. */
  static boolean cancelPublishes(Alert alert, Instant now) {
    requireState(alert, "cancelled", AlertState.DRAFT, AlertState.APPROVAL_REQUIRED,
        AlertState.ISSUED, AlertState.UPDATED);
    if (alert.state().isLive()) {
      requireNotExpired(alert, now);
      return true;
    }
    return false;
  }

  private static void requireState(Alert alert, String action, AlertState... allowed) {
    for (AlertState state : allowed) {
      if (alert.state() == state) {
        return;
      }
    }
    throw Rejection.conflict("Alert " + alert.id() + " is " + alert.state()
        + " and cannot be " + action);
  }

  private static void requireNotExpired(Alert alert, Instant now) {
    if (!alert.content().expires().isAfter(now)) {
      throw Rejection.conflict("Alert " + alert.id() + " expired at "
          + alert.content().expires());
    }
  }
}
