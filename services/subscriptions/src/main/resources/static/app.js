// Tocsin citizen page: register, verify, manage and erase a subscription. Plain JavaScript.
'use strict';
(() => {
  const LANGUAGES = ['nl', 'fr', 'de', 'en'];
  const CATEGORIES = ['GEO', 'MET', 'SAFETY', 'SECURITY', 'RESCUE', 'FIRE', 'HEALTH', 'ENV',
    'TRANSPORT', 'INFRA', 'CBRNE', 'OTHER'];
  const NEEDS = ['DEAF_OR_HARD_OF_HEARING', 'BLIND_OR_LOW_VISION', 'EASY_READ'];
  const MAX_PLACES = 5;
  const $ = id => document.getElementById(id);

  const state = {
    lang: 'en',
    mode: 'register',
    config: null,
    id: null,
    token: null,
    subscription: null,
    pending: [],
    locations: [],
    zones: [],
    declined: new Set(),
    needs: new Set(),
    map: null,
    marker: null,
    shown: false
  };

  // Texts

  function t(key, ...args) {
    const texts = window.TOCSIN_TEXTS[state.lang] || window.TOCSIN_TEXTS.en;
    let text = texts[key] ?? window.TOCSIN_TEXTS.en[key] ?? key;
    args.forEach((arg, i) => { text = text.replace('{' + i + '}', arg); });
    return text;
  }

  function initialLanguage() {
    const asked = new URLSearchParams(location.search).get('lang');
    if (LANGUAGES.includes(asked)) {
      return asked;
    }
    for (const preferred of navigator.languages || []) {
      const language = preferred.slice(0, 2).toLowerCase();
      if (LANGUAGES.includes(language)) {
        return language;
      }
    }
    return 'en';
  }

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    $('language').value = state.lang;
    document.querySelectorAll('[data-i18n]').forEach(element => {
      element.textContent = t(element.dataset.i18n);
    });
    document.querySelectorAll('[data-i18n-aria-label]').forEach(element => {
      element.setAttribute('aria-label', t(element.dataset.i18nAriaLabel));
    });
    document.title = t('title') + ' – Tocsin';
    $('form-title').textContent = t(state.mode === 'manage' ? 'manage.title' : 'register.title');
    renderChecks();
    renderPlaces();
    renderZones();
    renderContacts();
    renderPending();
  }

  // Talking to the service

  async function api(method, path, body) {
    const headers = { 'Accept': 'application/json, application/problem+json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (state.token) {
      headers['Authorization'] = 'Bearer ' + state.token;
    }
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store'
    });
    const text = await response.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (notJson) {
        data = null;
      }
    }
    if (!response.ok) {
      const error = new Error('HTTP ' + response.status);
      error.status = response.status;
      error.problem = data;
      error.retryAfter = response.headers.get('Retry-After');
      throw error;
    }
    return data;
  }

  // Messages to the citizen

  function say(key) {
    $('alert').hidden = true;
    $('status').textContent = t(key);
  }

  function problemMessages(error) {
    if (error.key) {
      return [t(error.key)];
    }
    if (error.status === 429) {
      return [t('error.rateLimited', error.retryAfter || '60')];
    }
    if (error.status === 401) {
      return [t('error.token')];
    }
    const type = (error.problem && error.problem.type) || '';
    const codes = {
      'code-wrong': 'error.code',
      'code-expired': 'error.code.expired',
      'code-used': 'error.code.used',
      'code-locked': 'error.code.locked'
    };
    const slug = type.split(':').pop();
    if (codes[slug]) {
      return [t(codes[slug])];
    }
    if (slug === 'invalid-request' && Array.isArray(error.problem.errors)) {
      const messages = error.problem.errors.map(violation => {
        const field = violation.field || '';
        if (field.startsWith('contact')) {
          return t('error.contact');
        }
        if (field.startsWith('locations')) {
          return t('error.place');
        }
        if (field.startsWith('zones')) {
          return t('error.zone');
        }
        return t('error.generic');
      });
      return [...new Set(messages)];
    }
    return [t('error.generic')];
  }

  function showError(error) {
    const alert = $('alert');
    alert.replaceChildren();
    const messages = problemMessages(error);
    if (messages.length === 1) {
      alert.textContent = messages[0];
    } else {
      const list = document.createElement('ul');
      messages.forEach(message => {
        const item = document.createElement('li');
        item.textContent = message;
        list.append(item);
      });
      alert.append(list);
    }
    $('status').textContent = '';
    alert.hidden = false;
  }

  async function guarded(button, action) {
    if (button) {
      button.disabled = true;
    }
    try {
      await action();
    } catch (error) {
      showError(error);
    } finally {
      if (button) {
        button.disabled = false;
      }
    }
  }

  // Views

  function show(mode) {
    state.mode = mode;
    const form = mode === 'register' || mode === 'manage';
    $('subscription-form').hidden = !form;
    $('new-contacts').hidden = mode !== 'register';
    $('contacts-manage').hidden = mode !== 'manage';
    $('register-actions').hidden = mode !== 'register';
    $('manage-actions').hidden = mode !== 'manage';
    $('erase-confirm').hidden = true;
    $('verify').hidden = mode !== 'verify';
    $('lost').hidden = mode !== 'lost';
    $('confirmed').hidden = mode !== 'confirmed';
    $('erased').hidden = mode !== 'erased';
    $('form-title').textContent = t(mode === 'manage' ? 'manage.title' : 'register.title');
    if (form) {
      initMap();
      if (state.map) {
        state.map.invalidateSize();
      }
    }
    const headings = {
      register: 'form-title', manage: 'form-title', verify: 'verify-title', lost: 'lost-title',
      confirmed: 'confirmed-title', erased: 'erased-title'
    };
    // Moving focus to the new view's heading tells screen readers the view changed; the first
    // view of the page keeps the browser's own focus.
    if (state.shown) {
      $(headings[mode]).focus();
    }
    state.shown = true;
  }

  function removeButton(label, onRemove) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = '×';
    button.setAttribute('aria-label', t('remove', label));
    button.addEventListener('click', onRemove);
    return button;
  }

  function renderChecks() {
    const categories = $('categories');
    categories.replaceChildren(...CATEGORIES.map(category => checkbox('cat-' + category,
      t('cat.' + category), !state.declined.has(category), checked => {
        if (checked) {
          state.declined.delete(category);
        } else {
          state.declined.add(category);
        }
      })));
    const needs = $('accessibility');
    needs.replaceChildren(...NEEDS.map(need => checkbox('need-' + need, t('acc.' + need),
      state.needs.has(need), checked => {
        if (checked) {
          state.needs.add(need);
        } else {
          state.needs.delete(need);
        }
      })));
  }

  function checkbox(id, text, checked, onChange) {
    const wrapper = document.createElement('div');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.id = id;
    input.checked = checked;
    input.addEventListener('change', () => onChange(input.checked));
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = text;
    wrapper.append(input, label);
    return wrapper;
  }

  function renderPlaces() {
    const list = $('place-list');
    if (state.locations.length === 0) {
      const empty = document.createElement('li');
      empty.textContent = t('places.none');
      list.replaceChildren(empty);
    } else {
      list.replaceChildren(...state.locations.map((place, index) => {
        const item = document.createElement('li');
        item.textContent = place.label + ' (' + place.latitude.toFixed(5) + ', '
          + place.longitude.toFixed(5) + ')';
        item.append(removeButton(place.label, () => {
          state.locations.splice(index, 1);
          renderPlaces();
        }));
        return item;
      }));
    }
    $('place-editor').hidden = state.locations.length >= MAX_PLACES;
  }

  function renderZones() {
    const list = $('zone-list');
    if (state.zones.length === 0) {
      const empty = document.createElement('li');
      empty.textContent = t('zones.nothing');
      list.replaceChildren(empty);
      return;
    }
    list.replaceChildren(...state.zones.map((zone, index) => {
      const item = document.createElement('li');
      item.textContent = zone.name + (zone.until
        ? ' (' + t('zones.until', new Date(zone.until).toLocaleString(state.lang)) + ')' : '');
      item.append(removeButton(zone.name, () => {
        state.zones.splice(index, 1);
        renderZones();
      }));
      return item;
    }));
  }

  function codeControls(contact, onVerified) {
    const wrapper = document.createElement('div');
    const id = 'code-' + contact.contactId;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = t('verify.code', contact.address);
    const input = document.createElement('input');
    input.id = id;
    input.type = 'text';
    input.inputMode = 'numeric';
    input.autocomplete = 'one-time-code';
    input.maxLength = 10;
    const confirm = document.createElement('button');
    confirm.type = 'button';
    confirm.id = 'verify-' + contact.contactId;
    confirm.textContent = t('verify.button');
    confirm.addEventListener('click', () => guarded(confirm, async () => {
      await api('POST', '/api/v1/verifications',
        { contactId: contact.contactId, code: input.value.replace(/\D/g, '') });
      say('status.verified');
      await onVerified();
    }));
    const resend = document.createElement('button');
    resend.type = 'button';
    resend.textContent = t('verify.resend');
    resend.addEventListener('click', () => guarded(resend, async () => {
      await api('POST', '/api/v1/subscriptions/' + state.id + '/contacts/'
        + contact.contactId + '/code');
      say('status.codeSent');
    }));
    const row = document.createElement('div');
    row.className = 'row';
    row.append(input, confirm, resend);
    wrapper.append(label, row);
    return wrapper;
  }

  function renderPending() {
    $('verify-list').replaceChildren(...state.pending.map(contact => {
      const item = document.createElement('li');
      item.append(codeControls(contact, async () => {
        state.pending = state.pending.filter(other => other.contactId !== contact.contactId);
        renderPending();
        if (state.pending.length === 0) {
          await openManagement();
        }
      }));
      return item;
    }));
  }

  function renderContacts() {
    const contacts = state.subscription ? state.subscription.contacts : [];
    $('contact-list').replaceChildren(...contacts.map(contact => {
      const item = document.createElement('li');
      const text = document.createElement('span');
      text.textContent = contact.address + ' – '
        + t(contact.verified ? 'contacts.verified' : 'contacts.unverified');
      item.append(text);
      if (contacts.length > 1) {
        item.append(removeButton(contact.address, () => guarded(null, async () => {
          await api('DELETE', '/api/v1/subscriptions/' + state.id + '/contacts/'
            + contact.contactId);
          await openManagement();
        })));
      }
      if (!contact.verified) {
        item.append(codeControls(contact, openManagement));
      }
      return item;
    }));
  }

  // Map and places

  function initMap() {
    if (state.map) {
      return;
    }
    if (typeof window.L === 'undefined' || !state.config) {
      $('map').hidden = true;
      $('map-note').hidden = false;
      return;
    }
    const config = state.config;
    const map = window.L.map('map', { keyboard: true })
      .setView([config.mapLatitude, config.mapLongitude], config.mapZoom);
    const tiles = window.L.tileLayer(config.tileUrl,
      { attribution: config.tileAttribution, maxZoom: 18 });
    tiles.on('tileerror', () => { $('map-note').hidden = false; });
    tiles.on('tileload', () => { $('map-note').hidden = true; });
    tiles.addTo(map);
    map.on('click', event => setPoint(event.latlng.lat, event.latlng.lng));
    state.map = map;
  }

  function setPoint(latitude, longitude) {
    $('place-latitude').value = latitude.toFixed(5);
    $('place-longitude').value = longitude.toFixed(5);
    if (state.map) {
      if (state.marker) {
        state.marker.setLatLng([latitude, longitude]);
      } else {
        state.marker = window.L.marker([latitude, longitude]).addTo(state.map);
      }
    }
  }

  function addPlace(label, latitude, longitude) {
    if (state.locations.length >= MAX_PLACES) {
      throw Object.assign(new Error('places'), { key: 'error.tooManyPlaces' });
    }
    if (!label || !Number.isFinite(latitude) || !Number.isFinite(longitude)
      || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
      throw Object.assign(new Error('place'), { key: 'error.place' });
    }
    state.locations.push({ label: label.slice(0, 100), latitude, longitude });
    renderPlaces();
  }

  async function searchZones() {
    const query = $('zone-query').value.trim();
    if (query.length < 2) {
      return;
    }
    const zones = await api('GET', '/api/v1/zones?q=' + encodeURIComponent(query)
      + '&lang=' + state.lang);
    const results = $('zone-results');
    if (zones.length === 0) {
      const empty = document.createElement('li');
      empty.textContent = t('zones.none');
      results.replaceChildren(empty);
      return;
    }
    results.replaceChildren(...zones.map(zone => {
      const item = document.createElement('li');
      const text = document.createElement('span');
      text.textContent = zone.name + (zone.postcodes && zone.postcodes.length
        ? ' (' + zone.postcodes.slice(0, 3).join(', ') + ')' : '');
      const asPlace = document.createElement('button');
      asPlace.type = 'button';
      asPlace.textContent = t('zones.useAsPlace');
      asPlace.setAttribute('aria-label', t('zones.useAsPlace') + ': ' + zone.name);
      asPlace.addEventListener('click', () => guarded(asPlace, async () => {
        addPlace(zone.name, zone.latitude, zone.longitude);
      }));
      const follow = document.createElement('button');
      follow.type = 'button';
      follow.textContent = t('zones.follow');
      follow.setAttribute('aria-label', t('zones.follow') + ': ' + zone.name);
      follow.addEventListener('click', () => {
        if (!state.zones.some(followed => followed.zoneId === zone.zoneId)) {
          state.zones.push({ zoneId: zone.zoneId, name: zone.name, until: zone.validUntil });
          renderZones();
        }
      });
      item.append(text, asPlace, follow);
      return item;
    }));
  }

  // Push on this device

  function applicationServerKey(base64Url) {
    const base64 = (base64Url + '='.repeat((4 - base64Url.length % 4) % 4))
      .replace(/-/g, '+').replace(/_/g, '/');
    return Uint8Array.from(atob(base64), character => character.charCodeAt(0));
  }

  async function pushContact() {
    const registration = await navigator.serviceWorker.register('/sw.js');
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: applicationServerKey(state.config.vapidPublicKey)
    });
    const json = subscription.toJSON();
    return { channel: 'PUSH', address: json.endpoint,
      keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } };
  }

  // What the citizen does

  function preferences() {
    return {
      language: state.lang,
      locations: state.locations,
      zones: state.zones.map(zone => zone.zoneId),
      declinedCategories: [...state.declined],
      accessibility: [...state.needs]
    };
  }

  function contactOf(text) {
    const address = text.trim();
    return { channel: address.includes('@') ? 'EMAIL' : 'SMS', address };
  }

  async function register() {
    const contacts = [];
    const phone = $('phone').value.trim();
    if (phone) {
      contacts.push({ channel: 'SMS', address: phone });
    }
    const email = $('email').value.trim();
    if (email) {
      contacts.push({ channel: 'EMAIL', address: email });
    }
    if ($('push').checked) {
      try {
        contacts.push(await pushContact());
      } catch (unavailable) {
        throw Object.assign(new Error('push'), { key: 'error.push' });
      }
    }
    if (contacts.length === 0) {
      $('phone').focus();
      throw Object.assign(new Error('contact'), { key: 'error.noContact' });
    }
    const access = await api('POST', '/api/v1/subscriptions',
      Object.assign({ contacts }, preferences()));
    useAccess(access);
    state.pending = access.contacts.filter(contact => !contact.verified);
    renderPending();
    show('verify');
    say('status.registered');
  }

  function useAccess(access) {
    state.id = access.subscriptionId;
    state.token = access.managementToken;
    history.replaceState(null, '', '#manage=' + state.id + '.' + state.token);
    const link = $('management-link');
    link.href = access.managementLink;
    link.textContent = access.managementLink;
    $('management-link-box').hidden = false;
  }

  async function openManagement() {
    const subscription = await api('GET', '/api/v1/subscriptions/' + state.id);
    state.subscription = subscription;
    state.lang = subscription.language;
    state.locations = subscription.locations.map(place => ({
      label: place.label, latitude: place.latitude, longitude: place.longitude }));
    state.zones = subscription.zones.map(zone => ({
      zoneId: zone.zoneId, name: zone.name, until: zone.until }));
    state.declined = new Set(subscription.declinedCategories);
    state.needs = new Set(subscription.accessibility);
    show('manage');
    applyLanguage();
  }

  async function save() {
    const subscription = await api('PUT', '/api/v1/subscriptions/' + state.id, preferences());
    state.subscription = subscription;
    renderContacts();
    say('status.saved');
  }

  async function addContact() {
    const contact = contactOf($('new-contact').value);
    if (!contact.address) {
      throw Object.assign(new Error('contact'), { key: 'error.noContact' });
    }
    await api('POST', '/api/v1/subscriptions/' + state.id + '/contacts', contact);
    $('new-contact').value = '';
    await openManagement();
    say('status.contactAdded');
  }

  async function exportData() {
    const data = await api('GET', '/api/v1/subscriptions/' + state.id + '/export');
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)],
      { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'tocsin-subscription.json';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  async function erase() {
    await api('DELETE', '/api/v1/subscriptions/' + state.id);
    state.id = null;
    state.token = null;
    state.subscription = null;
    state.locations = [];
    state.zones = [];
    history.replaceState(null, '', location.pathname + location.search);
    show('erased');
  }

  async function sendManagementCode() {
    await api('POST', '/api/v1/management/codes',
      { contact: contactOf($('lost-contact').value) });
    say('status.codeSent');
    $('lost-code').focus();
  }

  async function openWithCode() {
    const access = await api('POST', '/api/v1/management/sessions', {
      contact: contactOf($('lost-contact').value),
      code: $('lost-code').value.replace(/\D/g, '')
    });
    useAccess(access);
    await openManagement();
  }

  async function confirmFromLink(contactId, code) {
    await api('POST', '/api/v1/verifications', { contactId, code });
    history.replaceState(null, '', location.pathname + location.search);
    show('confirmed');
  }

  function route() {
    const hash = decodeURIComponent(location.hash.slice(1));
    const [key, value] = [hash.split('=')[0], hash.slice(hash.indexOf('=') + 1)];
    const [first, second] = [value.split('.')[0], value.slice(value.indexOf('.') + 1)];
    if (key === 'manage' && first && second) {
      state.id = first;
      state.token = second;
      guarded(null, openManagement).then(() => {
        if (state.mode !== 'manage') {
          show('lost');
        }
      });
    } else if (key === 'verify' && first && second) {
      show('register');
      guarded(null, () => confirmFromLink(first, second));
    } else if (key === 'lost') {
      show('lost');
    } else {
      show('register');
    }
  }

  function bind() {
    $('language').addEventListener('change', () => {
      state.lang = $('language').value;
      applyLanguage();
    });
    $('subscription-form').addEventListener('submit', event => {
      event.preventDefault();
      const button = state.mode === 'manage' ? $('save-button') : $('register-button');
      guarded(button, state.mode === 'manage' ? save : register);
    });
    $('add-place').addEventListener('click', () => guarded(null, async () => {
      addPlace($('place-label').value.trim(), parseFloat($('place-latitude').value),
        parseFloat($('place-longitude').value));
      $('place-label').value = '';
      $('place-latitude').value = '';
      $('place-longitude').value = '';
      $('alert').hidden = true;
    }));
    $('zone-search').addEventListener('click', () => guarded($('zone-search'), searchZones));
    $('zone-query').addEventListener('keydown', event => {
      if (event.key === 'Enter') {
        event.preventDefault();
        guarded($('zone-search'), searchZones);
      }
    });
    $('add-contact').addEventListener('click', () => guarded($('add-contact'), addContact));
    $('export-button').addEventListener('click', () => guarded($('export-button'), exportData));
    $('erase-button').addEventListener('click', () => {
      $('erase-confirm').hidden = false;
      $('erase-no').focus();
    });
    $('erase-no').addEventListener('click', () => {
      $('erase-confirm').hidden = true;
      $('erase-button').focus();
    });
    $('erase-yes').addEventListener('click', () => guarded($('erase-yes'), erase));
    $('verify-done').addEventListener('click', () => guarded($('verify-done'), openManagement));
    $('lost-send').addEventListener('click', () => guarded($('lost-send'), sendManagementCode));
    $('lost-open').addEventListener('click', () => guarded($('lost-open'), openWithCode));
    window.addEventListener('hashchange', route);
  }

  async function init() {
    state.lang = initialLanguage();
    bind();
    try {
      state.config = await api('GET', '/api/v1/page-config');
    } catch (unavailable) {
      state.config = null;
    }
    $('push-option').hidden = !(state.config && state.config.vapidPublicKey
      && 'serviceWorker' in navigator && 'PushManager' in window);
    applyLanguage();
    route();
  }

  init();
})();
