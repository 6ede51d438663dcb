package org.tocsin.subscriptions.zone;

/**
 * The subscribers who follow a zone, told in the transaction that changes the zone, after the
 * zone row is locked (zone rows are always locked before subscriber rows).
 */
public interface ZoneFollowers {

  /** The zone's end changed: its followers' published state changes with it. */
  void zoneEndChanged(String zoneId);

  /** The zone leaves the catalogue: nobody follows it any more. */
  void zoneRemoved(String zoneId);
}
