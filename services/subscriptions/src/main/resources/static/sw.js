// Tocsin service worker: shows the warnings and verification codes pushed to this device.
//
// dispatcher-push sends JSON: kind ("alert" or "verification"), title (the headline, marked for
// exercises and tests), body (the sender, then the instruction and the description), tag (the
// alert id: an update or a cancel replaces the earlier notification), renotify, lang,
// requireInteraction (life-safety alerts stay until the citizen acts) and url (the alert's
// public page; absent for codes, which open this page).
self.addEventListener('push', event => {
  let message = { title: 'Tocsin', body: '' };
  if (event.data) {
    try {
      message = Object.assign(message, event.data.json());
    } catch (notJson) {
      message.body = event.data.text();
    }
  }
  const options = {
    body: message.body,
    lang: message.lang || '',
    requireInteraction: message.requireInteraction !== false,
    data: { url: message.url || '/', alertId: message.alertId || null,
      version: message.version || 0 }
  };
  if (message.tag) {
    options.tag = message.tag;
    options.renotify = message.renotify !== false;
  }
  event.waitUntil(self.registration.showNotification(message.title || 'Tocsin', options));
});

self.addEventListener('notificationclick', event => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || '/';
  event.waitUntil(self.clients.openWindow(url));
});
