package org.tocsin.dispatcherpush.rendering;

/**
 * What the citizen's service worker shows: the notification's title and body, its {@code tag}
 * (one per alert, so that an update or cancel replaces the earlier notification, with
 * {@code renotify}) and the page a click opens ({@code null}: the citizen page itself).
 *
 * @param kind {@code alert} or {@code verification}
 * @param urgent a life-safety alert: the notification stays until the citizen acts on it
 */
public record PushNotification(String kind, String title, String body, String tag, String url,
                               String language, String alertId, int version, boolean urgent) {
}
