// Tocsin service worker: shows warnings and verification codes pushed to this device.
self.addEventListener('push', event => {
  let title = 'Tocsin';
  let body = '';
  if (event.data) {
    try {
      const data = event.data.json();
      title = data.title || data.headline || title;
      body = data.body || data.shortText || data.text || '';
    } catch (notJson) {
      body = event.data.text();
    }
  }
  event.waitUntil(self.registration.showNotification(title, { body, requireInteraction: true }));
});

self.addEventListener('notificationclick', event => {
  event.notification.close();
  event.waitUntil(self.clients.openWindow('/'));
});
