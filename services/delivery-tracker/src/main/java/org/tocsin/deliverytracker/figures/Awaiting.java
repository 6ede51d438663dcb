package org.tocsin.deliverytracker.figures;

/**
 * A message a provider accepted whose final status (delivered or failed) has not come yet.
 *
 * @param sentAt epoch ms of its SENT status
 * @param checks how many times the provider was asked for its status
 * @param lastCheckAt epoch ms of the last such request, 0 if none
 */
public record Awaiting(String taskId, String provider, String providerMessageId, long sentAt,
                       int checks, long lastCheckAt) {

  Awaiting checked(long at) {
    return new Awaiting(taskId, provider, providerMessageId, sentAt, checks + 1, at);
  }
}
