// The duty officers' dashboard: one event stream (server-sent events) from the tracker, read
// with fetch so that it carries the officer's bearer token; the overview on every event, and
// the figures of the alert shown when one is selected (#alert=<id>).
'use strict';

const API = '/api/v1/deliveries';
const CATEGORIES = ['QUEUED', 'SENT', 'DELIVERED', 'FAILED', 'EXPIRED', 'CANCELLED', 'SKIPPED', 'RETRIED'];
const charts = new Map();
let stream = null;

function token() {
  return sessionStorage.getItem('tocsin-token') || '';
}

function selectedAlert() {
  const match = /^#alert=(.+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
  children.flat().forEach(child => node.append(child instanceof Node ? child : String(child)));
  return node;
}

function seconds(millis) {
  return millis == null ? '–' : (millis / 1000).toFixed(1) + ' s';
}

function progressBar(series) {
  const total = Math.max(series.total, 1);
  const counts = series.counts || {};
  const share = name => Math.min(100, 100 * (counts[name] || 0) / total) + '%';
  const bar = element('div', { class: 'bar', title: `${counts.SENT || 0} sent of ${series.total}` },
    element('span', { class: 'sent', style: `width:${share('SENT')}` }),
    element('span', { class: 'delivered', style: `width:${share('DELIVERED')}` }));
  return element('div', { class: 'progress', 'data-channel': series.channel },
    element('span', { class: 'name' }, series.channel), bar,
    element('span', { class: 'count' }, `${counts.SENT || 0} / ${series.total} sent`,
      series.pending ? `, ${series.pending} pending` : ''));
}

function statusBadge(alert) {
  const status = alert ? alert.status : 'UNKNOWN';
  return element('span', { class: 'badge ' + status }, status);
}

function renderOverview(snapshot) {
  const list = document.getElementById('warning-list');
  list.replaceChildren(...(snapshot.warnings.length ? snapshot.warnings.map(warning =>
    element('li', { class: 'warning', 'data-kind': warning.kind }, warning.kind + ': ' + warning.message))
    : [element('li', { class: 'none' }, 'No warnings')]));
  const rows = snapshot.alerts.map(progress => {
    const row = element('tr', { class: 'alert-row' + (progress.exercise ? ' exercise' : ''),
        'data-alert': progress.alertId },
      element('td', {}, progress.alert ? progress.alert.headline || progress.alertId : progress.alertId,
        element('br'), element('small', {}, progress.alertId + ' v' + progress.version)),
      element('td', {}, statusBadge(progress.alert)),
      element('td', {}, progress.alert ? new Date(progress.alert.sent).toLocaleTimeString() : '–'),
      element('td', {}, progress.channels.map(progressBar)));
    row.addEventListener('click', () => { location.hash = 'alert=' + encodeURIComponent(progress.alertId); });
    return row;
  });
  document.querySelector('#alerts tbody').replaceChildren(...rows);
}

function partTable(title, parts) {
  if (!parts.length) {
    return element('p', {}, 'No ' + title.toLowerCase() + ' figures');
  }
  return element('table', { class: 'parts' },
    element('thead', {}, element('tr', {}, element('th', {}, title), element('th', {}, 'targeted'),
      ...CATEGORIES.slice(0, 5).map(name => element('th', {}, name.toLowerCase())),
      element('th', {}, 'pending'), element('th', {}, '90 % sent'), element('th', {}, 'health'))),
    element('tbody', {}, parts.map(part => element('tr', {},
      element('td', {}, part.name), element('td', {}, part.targeted < 0 ? '–' : part.targeted),
      ...CATEGORIES.slice(0, 5).map(name => element('td', {}, part.counts[name] || 0)),
      element('td', {}, part.pending), element('td', {}, seconds(part.timings.sent90)),
      element('td', {}, part.errorRate == null ? ''
        : `${(100 * part.errorRate).toFixed(1)} % errors, p90 ${seconds(part.latencyMillis.p90)}`)))));
}

function curveChart(key, series) {
  const sent = series.curves.sent || [];
  const delivered = series.curves.delivered || [];
  const times = [...new Set([...sent, ...delivered].map(point => point[0] / 1000))].sort((a, b) => a - b);
  const at = (points, time) => {
    let value = 0;
    for (const point of points) { if (point[0] / 1000 <= time) value = point[1]; }
    return value;
  };
  const data = [times, times.map(time => at(sent, time)), times.map(time => at(delivered, time))];
  let chart = charts.get(key);
  if (chart) {
    chart.setData(data);
    return chart.root.parentNode;
  }
  const holder = element('div', { class: 'chart' });
  chart = new uPlot({ width: 640, height: 220, scales: { x: { time: false } },
    axes: [{ label: 's since issue' }, {}],
    series: [{}, { label: 'sent', stroke: '#4c8bf5' }, { label: 'delivered', stroke: '#34a853' }] },
    data, holder);
  charts.set(key, chart);
  return holder;
}

function renderAlert(deliveries) {
  const section = document.getElementById('alert');
  if (!deliveries || !deliveries.alertId) {
    return;
  }
  const latest = deliveries.versions.length ? deliveries.versions[deliveries.versions.length - 1] : null;
  section.className = deliveries.exercise ? 'exercise' : '';
  document.getElementById('alert-title').textContent = latest ? latest.headline || deliveries.alertId : deliveries.alertId;
  document.getElementById('alert-status').replaceChildren(statusBadge(latest), ' ',
    deliveries.exercise ? 'Exercise or test: not a real alert' : 'ACTUAL alert',
    ...deliveries.warnings.map(warning => element('div', { class: 'warning' }, warning.message)));
  const channels = deliveries.channels.map(series => {
    const key = `${series.version}/${series.channel}`;
    const counts = series.counts;
    return element('div', { class: 'channel', 'data-channel': series.channel, 'data-version': series.version },
      element('h3', {}, `${series.channel}, version ${series.version}`),
      progressBar(series),
      element('div', { class: 'figures' },
        element('div', {}, element('b', { class: 'targeted' }, series.targeted), 'targeted'),
        ...CATEGORIES.map(name => element('div', {}, element('b', { class: name.toLowerCase() }, counts[name] || 0), name.toLowerCase())),
        element('div', {}, element('b', {}, series.pending), 'pending'),
        element('div', {}, element('b', {}, series.finishedPerSecond.toFixed(0) + '/s'), 'rate now'),
        element('div', {}, element('b', {}, series.etaSeconds == null ? '–' : series.etaSeconds + ' s'), 'to completion'),
        element('div', {}, element('b', {}, seconds(series.timings.firstSent)), 'first sent'),
        element('div', {}, element('b', {}, seconds(series.timings.sent90)), '90 % sent'),
        element('div', {}, element('b', {}, seconds(series.timings.sent100)), 'all sent')),
      curveChart(key, series),
      partTable('Zone', series.zones),
      partTable('Provider', series.providers));
  });
  document.getElementById('alert-channels').replaceChildren(...channels);
}

function show() {
  const alertId = selectedAlert();
  document.getElementById('overview').hidden = alertId != null;
  document.getElementById('alert').hidden = alertId == null;
  charts.clear();
  document.getElementById('alert-channels').replaceChildren();
  connect();
}

async function connect() {
  if (stream) {
    stream.abort();
  }
  const status = document.getElementById('connection');
  if (!token()) {
    status.textContent = 'a token is needed';
    return;
  }
  const controller = new AbortController();
  stream = controller;
  const alertId = selectedAlert();
  const url = API + '/stream' + (alertId ? '?alertId=' + encodeURIComponent(alertId) : '');
  try {
    const response = await fetch(url, { headers: { Authorization: 'Bearer ' + token(), Accept: 'text/event-stream' },
      signal: controller.signal });
    if (!response.ok) {
      status.textContent = response.status === 401 ? 'token refused' : 'error ' + response.status;
      status.className = 'connection';
      return;
    }
    status.textContent = 'live';
    status.className = 'connection live';
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  } catch (error) {
    if (controller.signal.aborted) return;
  }
  if (stream === controller) {
    status.textContent = 'reconnecting';
    status.className = 'connection';
    setTimeout(connect, 2000);
  }
}

function dispatch(block) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5));
  }
  if (!data.length) return;
  const payload = JSON.parse(data.join('\n'));
  if (name === 'overview') renderOverview(payload);
  else if (name === 'alert') renderAlert(payload);
}

document.getElementById('login').addEventListener('submit', event => {
  event.preventDefault();
  const field = document.getElementById('token');
  if (field.value) {
    sessionStorage.setItem('tocsin-token', field.value.trim());
    field.value = '';
  }
  connect();
});
window.addEventListener('hashchange', show);
show();
