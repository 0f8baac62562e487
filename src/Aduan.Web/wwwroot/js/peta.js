// The public map (/peta, /wilayah/{kode}, /instansi/{kode}): the pack's boundaries as the base
// layer (tiles only when a tile server is configured), counts per area or grid cell at low zoom
// and points at high zoom, both from /api/public/map; the filter form updates the URL (so a view
// can be shared), the map and the list without reloading the page.
(function () {
  'use strict';
  var el = document.getElementById('peta');
  if (!el || !window.L) return;
  var d = el.dataset;
  var pageNames = { category: 'kategori', status: 'status', area: 'wilayah', agency: 'instansi', from: 'dari', to: 'sampai' };
  var apiNames = {};
  Object.keys(pageNames).forEach(function (k) { apiNames[pageNames[k]] = k; });
  var query = new URLSearchParams(d.query || '');
  var summary = document.getElementById('peta-summary');
  var errors = document.getElementById('peta-errors');
  var list = document.getElementById('peta-daftar');
  var form = document.getElementById('peta-filter');
  var lang = document.documentElement.lang || 'id';

  var map = L.map(el, { keyboard: true, zoomSnap: 1 });
  if (d.bounds) {
    var b = d.bounds.split(',').map(Number);
    map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);
  } else {
    map.setView([Number(d.lat), Number(d.lng)], Number(d.zoom));
  }
  if (d.tiles) {
    L.tileLayer(d.tiles, { attribution: d.attribution, maxZoom: Number(d.maxZoom) || 19 }).addTo(map);
  }
  var boundaryLayer = L.layerGroup().addTo(map);
  var marks = L.layerGroup().addTo(map);
  var boundaries = {};
  var shownLevel = null;
  var sequence = 0;

  function levelFor(zoom) { return zoom <= 10 ? 'kota' : zoom <= 12 ? 'kecamatan' : 'kelurahan'; }

  function showBoundaries() {
    var level = levelFor(map.getZoom());
    if (level === shownLevel) return;
    shownLevel = level;
    var ready = boundaries[level] || fetch(d.boundaries + level).then(function (r) { return r.json(); }).then(function (json) {
      return L.geoJSON(json, {
        style: { color: '#0b5cad', weight: level === 'kelurahan' ? 1 : 1.5, fillColor: '#0b5cad', fillOpacity: 0.04 },
        onEachFeature: function (feature, layer) { layer.bindTooltip(feature.properties.tingkat + ' ' + feature.properties.nama, { sticky: true }); }
      });
    });
    boundaries[level] = Promise.resolve(ready);
    boundaries[level].then(function (layer) {
      if (shownLevel !== level) return;
      boundaryLayer.clearLayers();
      boundaryLayer.addLayer(layer);
      el.dataset.boundaryLevel = level;
    });
  }

  function when(iso) {
    try {
      return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', { timeZone: d.timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso)) + ' ' + d.zone;
    } catch (e) { return iso; }
  }

  function showErrors(problem) {
    if (!errors) return;
    errors.textContent = '';
    errors.className = 'alert error';
    var messages = problem && problem.errors ? Object.keys(problem.errors).reduce(function (all, k) { return all.concat(problem.errors[k]); }, []) : [d.wordFailed];
    messages.forEach(function (m) { var p = document.createElement('p'); p.textContent = m; errors.appendChild(p); });
  }

  function clearErrors() { if (errors) { errors.textContent = ''; errors.className = ''; } }

  function countIcon(count) {
    var size = count >= 1000 ? 52 : count >= 100 ? 44 : count >= 10 ? 36 : 30;
    return L.divIcon({ className: 'map-count', html: String(count), iconSize: [size, size] });
  }

  function draw(data) {
    marks.clearLayers();
    data.counts.forEach(function (c) {
      var title = (c.name ? c.name + ': ' : '') + c.count + ' ' + d.wordReports;
      var marker = L.marker([c.latitude, c.longitude], { icon: countIcon(c.count), title: title, alt: title, keyboard: true, riseOnHover: true });
      marker.on('click keypress', function () { map.setView([c.latitude, c.longitude], Math.min(map.getZoom() + 2, 18)); });
      marker.addTo(marks);
    });
    data.points.forEach(function (p) {
      var title = (p.category || '') + ' · ' + p.statusLabel + ' · ' + p.code;
      var marker = L.marker([p.latitude, p.longitude], {
        icon: L.divIcon({ className: 'map-point status-' + p.status.toLowerCase(), iconSize: [16, 16] }), title: title, alt: title, keyboard: true
      });
      var box = document.createElement('div');
      var heading = document.createElement('strong');
      heading.textContent = p.category || p.code;
      var status = document.createElement('div');
      status.textContent = p.statusLabel + ' · ' + when(p.receivedAt);
      var link = document.createElement('a');
      link.href = p.trackUrl;
      link.textContent = d.wordOpen + ' ' + p.code;
      box.appendChild(heading); box.appendChild(status); box.appendChild(link);
      marker.bindPopup(box);
      marker.addTo(marks);
    });
    el.dataset.mode = data.mode;
    el.dataset.total = String(data.total);
    if (summary) {
      summary.textContent = data.total.toLocaleString(lang) + ' ' + d.wordTotal + (data.unplaced ? ' (' + data.unplaced.toLocaleString(lang) + ' ' + d.wordUnplaced + ')' : '');
    }
  }

  function load() {
    showBoundaries();
    var q = new URLSearchParams(query);
    var bounds = map.getBounds();
    q.set('zoom', String(map.getZoom()));
    q.set('bbox', [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map(function (n) { return n.toFixed(5); }).join(','));
    var mine = ++sequence;
    el.dataset.loading = 'true';
    el.dataset.view = String(map.getZoom());
    fetch(d.api + '?' + q.toString(), { headers: { Accept: 'application/json' } }).then(function (r) {
      return r.json().then(function (json) { return { ok: r.ok, json: json }; });
    }).then(function (answer) {
      if (mine !== sequence) return;
      if (!answer.ok) { showErrors(answer.json); return; }
      clearErrors();
      draw(answer.json);
    }).catch(function () { if (mine === sequence) showErrors(null); }).then(function () {
      if (mine === sequence) el.dataset.loading = 'false';
    });
  }

  function renderList(items) {
    if (!list) return;
    list.textContent = '';
    if (items.length === 0) {
      var none = document.createElement('li');
      none.className = 'muted';
      none.textContent = d.wordNone;
      list.appendChild(none);
    }
    items.forEach(function (item) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = item.trackUrl;
      a.textContent = item.category || item.code;
      var status = document.createElement('span');
      status.className = 'status status-' + item.status.toLowerCase();
      status.textContent = item.statusLabel;
      var meta = document.createElement('span');
      meta.className = 'muted';
      meta.textContent = (item.area ? item.area + ' · ' : '') + when(item.receivedAt);
      li.appendChild(a); li.appendChild(status); li.appendChild(meta);
      list.appendChild(li);
    });
  }

  function applyForm(event) {
    event.preventDefault();
    var page = new URLSearchParams();
    var api = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (!value) return;
      page.set(name, value);
      if (apiNames[name]) api.set(apiNames[name], value);
    });
    query = api;
    history.replaceState(null, '', location.pathname + (page.toString() ? '?' + page.toString() : ''));
    ['unduh-csv', 'unduh-geojson'].forEach(function (id) {
      var link = document.getElementById(id);
      if (link) link.href = link.pathname + '?' + api.toString();
    });
    load();
    fetch(d.listApi + '?' + api.toString(), { headers: { Accept: 'application/json' } }).then(function (r) {
      return r.json().then(function (json) { return { ok: r.ok, json: json }; });
    }).then(function (answer) { if (answer.ok) renderList(answer.json); });
  }

  if (form) form.addEventListener('submit', applyForm);
  map.on('moveend', load);
  load();
}());
