package org.tocsin.alertintake.alert;

import java.time.Instant;
import org.tocsin.alertintake.approval.Change;
import org.tocsin.alertintake.approval.Release;
import org.tocsin.alertintake.rejection.Rejection;
import org.tocsin.events.v1.AlertStatus;
import org.tocsin.events.v1.MessageType;

/**
 * The rules of an alert's life: DRAFT → (APPROVAL_REQUIRED →) ISSUED → UPDATED / CANCELLED /
 * EXPIRED, and which changes each state allows. When a change reaches citizens is
 * {@link Release}'s rule; who may approve it is {@code FourEyes}'.
 */
final class AlertLifecycle {

  private AlertLifecycle() {
  }

  /** What asking to issue leads to: publication, or waiting for a second person. */
  static AlertState issue(Alert alert, Instant now) {
    requireState(alert, "issued", AlertState.DRAFT);
    requireNotExpired(alert, now);
    return Release.of(alert.content().status(), Change.FIRST_ISSUE) == Release.AFTER_APPROVAL
        ? AlertState.APPROVAL_REQUIRED : AlertState.ISSUED;
  }

  /** That a message of this type awaiting approval can still be released now. */
  static void approve(Alert alert, MessageType pending, AlertContent content, Instant now) {
    if (pending == MessageType.ALERT) {
      requireState(alert, "approved", AlertState.APPROVAL_REQUIRED);
    } else {
      requireState(alert, "changed", AlertState.ISSUED, AlertState.UPDATED);
      requireNotExpired(alert, now);
    }
    if (!content.expires().isAfter(now)) {
      throw Rejection.conflict("The " + pending + " awaiting approval expired at "
          + content.expires() + "; ask for a new one");
    }
  }

  /** A correction of a published alert, which keeps its status. */
  static void update(Alert alert, AlertStatus newStatus, Instant now) {
    requireState(alert, "updated", AlertState.ISSUED, AlertState.UPDATED);
    requireNotExpired(alert, now);
    if (newStatus != alert.content().status()) {
      throw Rejection.conflict("An update cannot change the status from "
          + alert.content().status() + " to " + newStatus + "; cancel and issue a new alert");
    }
  }

  /** The all-clear of a published alert. */
  static void allClear(Alert alert, Instant now) {
    requireState(alert, "given the all-clear", AlertState.ISSUED, AlertState.UPDATED);
    requireNotExpired(alert, now);
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
