// egov-pulse dashboard: ranking table, unit panel with a monthly trend (inline SVG), live updates over SSE.
(function () {
  'use strict';

  var LABELS = {
    'onestop.received': 'Hồ sơ tiếp nhận',
    'onestop.resolved': 'Hồ sơ đã giải quyết',
    'onestop.onTimeRate': 'Tỷ lệ giải quyết đúng hạn',
    'onestop.lateCount': 'Hồ sơ quá hạn',
    'onestop.onlineRate': 'Tỷ lệ hồ sơ trực tuyến',
    'onestop.fullOnlineRate': 'Tỷ lệ trực tuyến toàn trình',
    'onestop.postalRate': 'Tỷ lệ qua bưu chính',
    'docs.issued': 'Văn bản đi',
    'docs.received': 'Văn bản đến',
    'docs.signedRate': 'Tỷ lệ văn bản ký số',
    'docs.orgSignedRate': 'Tỷ lệ ký số của cơ quan',
    'docs.leaderSignedRate': 'Tỷ lệ ký số của lãnh đạo',
    'docs.electronicRate': 'Tỷ lệ văn bản điện tử',
    'docs.axisRate': 'Tỷ lệ gửi qua Trục liên thông quốc gia',
    'vc.meetings': 'Cuộc họp trực tuyến',
    'vc.endpoints': 'Điểm cầu',
    'vc.participants': 'Người tham dự',
    'vc.communeReachRate': 'Tỷ lệ cuộc họp đến cấp xã'
  };

  var $ = function (id) { return document.getElementById(id); };
  // live=0 turns the event stream off: a headless browser dumping the page with a virtual-time
  // budget never finishes while a stream is open.
  var state = { province: null, tier: 'DISTRICT', period: 'YTD', unit: null, indicator: 'onestop.onTimeRate', ranking: null, live: true };
  var source = null;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function fmt(v, digits) {
    if (v === null || v === undefined) { return '—'; }
    return Number(v).toLocaleString('vi-VN', { maximumFractionDigits: digits === undefined ? 2 : digits });
  }

  function fmtValue(ind) {
    if (ind.value === null) { return '—'; }
    return ind.denominator === null ? fmt(ind.value, 0) : fmt(ind.value * 100, 1) + ' %';
  }

  function getJson(url) {
    return fetch(url, { headers: { 'Accept': 'application/json' } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error(body.detail || body.title || ('HTTP ' + r.status)); }
        return body;
      });
    });
  }

  function query() {
    return 'province=' + encodeURIComponent(state.province) + '&tier=' + encodeURIComponent(state.tier) +
      '&period=' + encodeURIComponent(state.period) + (window.egovStructure ? window.egovStructure.param() : '');
  }

  function remember() {
    var q = '?' + query() + (state.unit ? '&unit=' + encodeURIComponent(state.unit) : '') + (state.live ? '' : '&live=0');
    if (window.history && window.history.replaceState) { window.history.replaceState(null, '', q); }
  }

  function setStatus(text, isError) {
    var s = $('status');
    s.textContent = text;
    s.className = isError ? 'status error' : 'status';
  }

  // ---- ranking table ----
  function renderRanking(r, changed) {
    var previous = {};
    if (state.ranking) {
      state.ranking.entries.concat(state.ranking.unranked).forEach(function (e) { previous[e.unit.code] = e.score; });
    }
    state.ranking = r;
    var all = r.entries.concat(r.unranked);
    var groups = all.length ? Object.keys(all[0].groups) : [];
    var head = $('ranking-head');
    head.innerHTML = '';
    ['Xếp hạng', 'Đơn vị', 'Điểm'].concat(groups).concat(['Thay đổi']).forEach(function (h) { head.appendChild(el('th', {}, h)); });
    var body = $('ranking-body');
    body.innerHTML = '';
    function row(e) {
      var tr = el('tr', { 'data-unit': e.unit.code, 'data-rank': e.rank === null ? '' : String(e.rank),
        'data-score': e.score === null ? '' : String(e.score) });
      if (e.rank === null) { tr.className = 'unranked'; }
      if (changed && previous[e.unit.code] !== e.score) { tr.className += ' flash'; }
      if (e.unit.code === state.unit) { tr.className += ' selected'; }
      tr.appendChild(el('td', {}, e.rank === null ? '—' : String(e.rank)));
      tr.appendChild(el('td', { 'class': 'name' }, e.unit.name));
      tr.appendChild(el('td', { 'class': 'score' }, fmt(e.score)));
      groups.forEach(function (g) { tr.appendChild(el('td', {}, fmt(e.groups[g]))); });
      var change = el('td', { 'class': 'change' });
      if (e.rankChange > 0) { change.textContent = '▲ ' + e.rankChange; change.className += ' up'; }
      else if (e.rankChange < 0) { change.textContent = '▼ ' + (-e.rankChange); change.className += ' down'; }
      else if (e.rankChange === 0) { change.textContent = '='; }
      else { change.textContent = e.previous ? '' : 'mới'; }
      tr.appendChild(change);
      tr.addEventListener('click', function () { selectUnit(e.unit.code); });
      body.appendChild(tr);
    }
    r.entries.forEach(row);
    if (r.unranked.length) {
      var sep = el('tr', { 'class': 'separator' });
      sep.appendChild(el('td', { colspan: String(groups.length + 4) }, 'Chưa xếp hạng (chưa đủ một nửa số điểm áp dụng được)'));
      body.appendChild(sep);
      r.unranked.forEach(row);
    }
    if (window.egovStructure) { window.egovStructure.shown(r); }
    setStatus('Kỳ ' + r.period.label + ' (' + r.period.from + ' – ' + r.period.to + '), bộ tiêu chí ' + r.criteria.id +
      ' v' + r.criteria.version + ', ' + r.entries.length + ' đơn vị xếp hạng. Cập nhật lúc ' + r.asOf + '.');
  }

  function loadRanking() {
    setStatus('Đang tải…');
    return getJson('/api/v1/rankings?' + query()).then(function (r) { renderRanking(r, false); })
      .catch(function (e) { setStatus('Không tải được bảng xếp hạng: ' + e.message, true); });
  }

  function follow() {
    if (source) { source.close(); source = null; }
    if (!window.EventSource || !state.live) { return; }
    source = new EventSource('/api/v1/rankings/stream?' + query());
    source.onopen = function () { $('live').className = 'live on'; };
    source.onerror = function () { $('live').className = 'live off'; };
    source.addEventListener('ranking', function (ev) {
      renderRanking(JSON.parse(ev.data), true);
      if (state.unit) { loadUnit(); }
      // The league's facts changed: the operator view (ops.js) reloads what it shows.
      document.dispatchEvent(new CustomEvent('egov:changed', { detail: { province: state.province } }));
    });
  }

  // ---- unit panel ----
  function selectUnit(code) {
    state.unit = code;
    remember();
    Array.prototype.forEach.call(document.querySelectorAll('#ranking-body tr'), function (tr) {
      tr.classList.toggle('selected', tr.getAttribute('data-unit') === code);
    });
    loadUnit();
  }

  function loadUnit() {
    var code = state.unit;
    getJson('/api/v1/units/' + encodeURIComponent(code) + '/indicators?period=' + encodeURIComponent(state.period))
      .then(function (u) {
        $('unit-panel').hidden = false;
        $('unit-name').textContent = u.name;
        if (window.egovStructure) { window.egovStructure.unit(code); }
        $('unit-period').textContent = u.period.label + ' (' + u.period.from + ' – ' + u.period.to + ')';
        var tbody = document.querySelector('#unit-indicators tbody');
        tbody.innerHTML = '';
        Object.keys(u.indicators).forEach(function (k) {
          var ind = u.indicators[k];
          var tr = el('tr', { 'data-indicator': k });
          if (k === state.indicator) { tr.className = 'chosen'; }
          tr.appendChild(el('td', { title: k }, LABELS[k] || k));
          tr.appendChild(el('td', {}, fmtValue(ind)));
          tr.appendChild(el('td', {}, fmt(ind.numerator, 0)));
          tr.appendChild(el('td', {}, ind.denominator === null ? '—' : fmt(ind.denominator, 0)));
          tr.addEventListener('click', function () { state.indicator = k; loadUnit(); });
          tbody.appendChild(tr);
        });
        loadTrend(code, u.period);
      })
      .catch(function (e) { $('unit-panel').hidden = false; $('unit-name').textContent = e.message; });
  }

  function monthOf(date) { return date.substring(0, 7); }

  function loadTrend(code, period) {
    // At least twelve months, ending with the period's last month.
    var to = period.to.substring(0, 7);
    var end = new Date(Date.UTC(+to.substring(0, 4), +to.substring(5, 7) - 1, 1));
    var start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 11, 1));
    var from = monthOf(period.from) < start.toISOString().substring(0, 7) ? monthOf(period.from) : start.toISOString().substring(0, 7);
    var url = '/api/v1/units/' + encodeURIComponent(code) + '/history?indicator=' + encodeURIComponent(state.indicator) +
      '&from=' + from + '&to=' + to + '&granularity=month';
    $('chart-title').textContent = (LABELS[state.indicator] || state.indicator) + ' theo tháng, ' + from + ' – ' + to;
    getJson(url).then(drawChart).catch(function (e) { $('chart').textContent = e.message; });
  }

  function drawChart(points) {
    var ns = 'http://www.w3.org/2000/svg';
    var W = 560, H = 180, L = 44, R = 24, T = 10, B = 28;
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    svg.setAttribute('role', 'img');
    var isRate = points.length && points.some(function (p) { return p.denominator !== null; });
    var values = points.map(function (p) { return p.value === null ? null : (isRate ? p.value * 100 : p.value); });
    var max = isRate ? 100 : Math.max.apply(null, values.filter(function (v) { return v !== null; }).concat([1]));
    function x(i) { return L + (points.length < 2 ? 0 : i * (W - L - R) / (points.length - 1)); }
    function y(v) { return T + (H - T - B) * (1 - v / max); }
    function add(tag, attrs, text) {
      var e = document.createElementNS(ns, tag);
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      if (text) { e.textContent = text; }
      svg.appendChild(e);
      return e;
    }
    [0, 0.5, 1].forEach(function (f) {
      add('line', { x1: L, x2: W - R, y1: y(max * f), y2: y(max * f), stroke: '#e3e7ec' });
      add('text', { x: L - 4, y: y(max * f) + 4, 'text-anchor': 'end', 'font-size': 10, fill: '#667' },
        fmt(max * f, 0) + (isRate ? '%' : ''));
    });
    var d = '';
    values.forEach(function (v, i) {
      if (v === null) { return; }
      d += (d && values[i - 1] !== null ? ' L ' : ' M ') + x(i).toFixed(1) + ' ' + y(v).toFixed(1);
    });
    if (d) { add('path', { d: d, fill: 'none', stroke: '#a4161a', 'stroke-width': 2 }); }
    values.forEach(function (v, i) {
      var step = Math.ceil(points.length / 12);
      if (i % step === 0) {
        add('text', { x: x(i), y: H - 8, 'text-anchor': 'middle', 'font-size': 10, fill: '#667' }, points[i].period);
      }
      if (v !== null) {
        var c = add('circle', { cx: x(i), cy: y(v), r: 3, fill: '#a4161a', 'data-period': points[i].period });
        var t = document.createElementNS(ns, 'title');
        t.textContent = points[i].period + ': ' + fmt(v, 1) + (isRate ? ' % (' + points[i].numerator + '/' + points[i].denominator + ')' : '');
        c.appendChild(t);
      }
    });
    var chart = $('chart');
    chart.innerHTML = '';
    chart.appendChild(svg);
  }

  // ---- start ----
  function apply() {
    state.province = $('province').value;
    state.tier = $('tier').value;
    state.period = $('period').value.trim() || 'YTD';
    remember();
    loadRanking();
    follow();
    if (state.unit) { loadUnit(); }
  }

  function start() {
    var params = new URLSearchParams(window.location.search);
    state.tier = params.get('tier') || state.tier;
    state.period = params.get('period') || state.period;
    state.unit = params.get('unit');
    state.live = params.get('live') !== '0';
    $('tier').value = state.tier;
    $('period').value = state.period;
    $('filters').addEventListener('submit', function (ev) { ev.preventDefault(); state.unit = null; $('unit-panel').hidden = true; apply(); });
    getJson('/api/v1/units?tier=PROVINCE').then(function (provinces) {
      var wanted = params.get('province');
      var select = $('province');
      provinces.forEach(function (p) { select.appendChild(el('option', { value: p.code }, p.name + ' (' + p.code + ')')); });
      if (wanted && !provinces.some(function (p) { return p.code === wanted; })) {
        select.appendChild(el('option', { value: wanted }, wanted));
      }
      if (wanted) { select.value = wanted; }
      if (!select.value) { setStatus('Chưa có tỉnh nào trong danh mục đơn vị.', true); return; }
      apply();
    }).catch(function (e) { setStatus('Không tải được danh mục đơn vị: ' + e.message, true); });
  }

  start();
}());
