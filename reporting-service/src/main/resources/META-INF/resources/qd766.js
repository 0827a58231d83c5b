// egov-pulse dashboard, the 766 view (Decision 766/QĐ-TTg, SPEC 7): a unit's score out of 100 with its six
// groups and band, the weekly national league of provinces, and the unit's week-by-week trend.
// Shown when the address ends in #qd766; the ranking view (app.js) is hidden meanwhile.
(function () {
  'use strict';

  var SET = 'qd766';
  var WEEKS = 8;
  var $ = function (id) { return document.getElementById(id); };
  var view = null;
  var state = { unit: null, week: null, set: null };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function fmt(v) {
    if (v === null || v === undefined) { return '—'; }
    return Number(v).toLocaleString('vi-VN', { maximumFractionDigits: 2 });
  }

  function getJson(url) {
    return fetch(url, { headers: { 'Accept': 'application/json' } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error(body.detail || body.title || ('HTTP ' + r.status)); }
        return body;
      });
    });
  }

  // Today in Asia/Ho_Chi_Minh, then its ISO-8601 week (Monday to Sunday; week 1 holds the first Thursday).
  function currentWeek() {
    var today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    var d = new Date(Date.UTC(+today.substring(0, 4), +today.substring(5, 7) - 1, +today.substring(8, 10)));
    var day = d.getUTCDay() || 7;
    d.setUTCDate(d.getUTCDate() + 4 - day); // the Thursday of this week decides the year
    var year = d.getUTCFullYear();
    var week = Math.ceil(((d - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
    return year + '-W' + (week < 10 ? '0' : '') + week;
  }

  // Points of each group for a unit of this tier (rows with `tiers` apply to those tiers only).
  function groupMax(tier) {
    var out = {};
    (state.set ? state.set.groups : []).forEach(function (g) {
      out[g.name] = g.indicators.reduce(function (sum, i) {
        return sum + (!i.tiers || i.tiers.indexOf(tier) >= 0 ? i.maxPoints : 0);
      }, 0);
    });
    return out;
  }

  function build() {
    view = el('section', { id: 'qd766-view', 'aria-labelledby': 'qd766-title', hidden: '' });
    view.innerHTML =
      '<h2 id="qd766-title">Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)</h2>' +
      '<form id="qd766-form" autocomplete="off">' +
      '  <label>Đơn vị (mã) <input id="qd766-unit" list="qd766-units" size="24" required></label>' +
      '  <datalist id="qd766-units"></datalist>' +
      '  <label>Tuần <input id="qd766-week" size="10" pattern="\\d{4}-W\\d{2}" title="Tuần ISO, ví dụ 2026-W48"></label>' +
      '  <button type="submit">Xem</button>' +
      '</form>' +
      '<p id="qd766-status" class="status" role="status"></p>' +
      '<div class="qd766-grid">' +
      '  <section id="qd766-card" aria-labelledby="qd766-card-title"><h3 id="qd766-card-title">Điểm của đơn vị</h3>' +
      '    <p class="qd766-score"><span id="qd766-score">—</span><span class="qd766-of">/100</span>' +
      '      <span id="qd766-band" class="qd766-band"></span></p>' +
      '    <table id="qd766-groups"><caption>Sáu nhóm chỉ số</caption>' +
      '      <thead><tr><th scope="col">Nhóm</th><th scope="col">Điểm</th><th scope="col">Tối đa</th></tr></thead>' +
      '      <tbody></tbody></table></section>' +
      '  <section id="qd766-trend" aria-labelledby="qd766-trend-title"><h3 id="qd766-trend-title">Diễn biến theo tuần</h3>' +
      '    <div id="qd766-chart"></div>' +
      '    <table id="qd766-weeks"><thead><tr><th scope="col">Tuần</th><th scope="col">Điểm</th>' +
      '      <th scope="col">Xếp loại</th></tr></thead><tbody></tbody></table></section>' +
      '</div>' +
      '<section id="qd766-league" aria-labelledby="qd766-league-title"><h3 id="qd766-league-title">Xếp hạng các tỉnh trong tuần</h3>' +
      '  <p id="qd766-league-status" class="status"></p>' +
      '  <table id="qd766-national"><thead><tr id="qd766-national-head"></tr></thead><tbody></tbody></table></section>';
    document.querySelector('main').appendChild(view);
    $('qd766-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      state.unit = $('qd766-unit').value.trim();
      state.week = $('qd766-week').value.trim() || currentWeek();
      remember();
      load();
    });
  }

  function remember() {
    // Own parameter names: app.js reads `unit` and `period` for the ranking view.
    var q = '?u766=' + encodeURIComponent(state.unit || '') + '&week=' + encodeURIComponent(state.week) + '#qd766';
    if (window.history && window.history.replaceState) { window.history.replaceState(null, '', q); }
  }

  function showing() { return window.location.hash === '#qd766'; }

  function toggle() {
    var on = showing();
    if (on && !view) { build(); start(); }
    if (view) { view.hidden = !on; }
    ['ranking-section', 'unit-panel', 'filters'].forEach(function (id) {
      var e = $(id);
      if (!e) { return; }
      if (on) { e.setAttribute('data-qd766-hidden', e.hidden ? '1' : '0'); e.hidden = true; }
      else if (e.hasAttribute('data-qd766-hidden')) { e.hidden = e.getAttribute('data-qd766-hidden') === '1'; e.removeAttribute('data-qd766-hidden'); }
    });
    var link = $('nav-qd766');
    if (link) { link.setAttribute('aria-current', on ? 'page' : 'false'); }
  }

  function start() {
    var params = new URLSearchParams(window.location.search);
    state.week = params.get('week') || currentWeek();
    state.unit = params.get('u766');
    $('qd766-week').value = state.week;
    getJson('/api/v1/criteria/' + SET).then(function (set) { state.set = set; })
      .catch(function () { state.set = null; })
      .then(function () { return getJson('/api/v1/units?tier=PROVINCE'); })
      .then(function (provinces) {
        var list = $('qd766-units');
        provinces.forEach(function (p) { list.appendChild(el('option', { value: p.code }, p.name)); });
        if (!state.unit && provinces.length) { state.unit = provinces[0].code; }
        $('qd766-unit').value = state.unit || '';
        load();
      })
      .catch(function (e) { $('qd766-status').textContent = 'Không tải được danh mục đơn vị: ' + e.message; });
  }

  function load() {
    loadLeague();
    if (state.unit) { loadUnit(); }
  }

  function loadUnit() {
    var code = state.unit;
    var url = '/api/v1/units/' + encodeURIComponent(code) + '/scores?criteria=' + SET + '&granularity=week';
    // The trend: the WEEKS weeks ending with the chosen one.
    var from = weekBefore(state.week, WEEKS - 1);
    $('qd766-status').textContent = 'Đang tải…';
    getJson(url + '&from=' + from + '&to=' + state.week).then(function (s) {
      $('qd766-status').textContent = s.name + ' (' + s.unit + '), bộ chỉ số ' + s.criteria.id + ' v' + s.criteria.version + '.';
      var last = s.points[s.points.length - 1];
      renderCard(s, last);
      renderTrend(s.points);
    }).catch(function (e) { $('qd766-status').textContent = 'Không tải được điểm của đơn vị: ' + e.message; });
  }

  function weekBefore(week, n) {
    var m = /^(\d{4})-W(\d{2})$/.exec(week);
    if (!m) { return week; }
    var jan4 = new Date(Date.UTC(+m[1], 0, 4));
    var monday = new Date(jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86400000 + (+m[2] - 1 - n) * 7 * 86400000);
    return monday.toISOString().substring(0, 10); // a date: /scores widens it to its ISO week
  }

  function renderCard(s, p) {
    $('qd766-score').textContent = fmt(p.score);
    $('qd766-band').textContent = p.band ? p.band : (p.score === null ? 'Chưa có số liệu' : 'Chưa đủ số liệu để xếp loại');
    var max = groupMax(s.tier);
    var tbody = document.querySelector('#qd766-groups tbody');
    tbody.innerHTML = '';
    Object.keys(p.groups).forEach(function (g) {
      var tr = el('tr');
      tr.appendChild(el('th', { scope: 'row' }, g));
      tr.appendChild(el('td', {}, p.groups[g] === null ? 'Không áp dụng' : fmt(p.groups[g])));
      tr.appendChild(el('td', {}, max[g] === undefined ? '—' : fmt(max[g])));
      tbody.appendChild(tr);
    });
  }

  function renderTrend(points) {
    var tbody = document.querySelector('#qd766-weeks tbody');
    tbody.innerHTML = '';
    points.forEach(function (p) {
      var tr = el('tr');
      tr.appendChild(el('th', { scope: 'row', title: p.from + ' – ' + p.to }, p.period));
      tr.appendChild(el('td', {}, fmt(p.score)));
      // A week with too little that applies (FULL rows alone give 100) is scored but not judged.
      tr.appendChild(el('td', {}, p.band || (p.score !== null && !p.ranked ? 'Chưa đủ số liệu' : '—')));
      tbody.appendChild(tr);
    });
    var ns = 'http://www.w3.org/2000/svg';
    var W = 480, H = 140, L = 32, R = 12, T = 8, B = 22;
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'Điểm theo tuần: ' + points.map(function (p) { return p.period + ' ' + fmt(p.score); }).join(', '));
    function x(i) { return L + (points.length < 2 ? 0 : i * (W - L - R) / (points.length - 1)); }
    function y(v) { return T + (H - T - B) * (1 - v / 100); }
    function add(tag, attrs, text) {
      var e = document.createElementNS(ns, tag);
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      if (text) { e.textContent = text; }
      svg.appendChild(e);
      return e;
    }
    [0, 50, 100].forEach(function (v) {
      add('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#e3e7ec' });
      add('text', { x: L - 4, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 10, fill: '#667' }, String(v));
    });
    var d = '';
    points.forEach(function (p, i) {
      if (p.score === null) { return; }
      d += (d && points[i - 1].score !== null ? ' L ' : ' M ') + x(i).toFixed(1) + ' ' + y(p.score).toFixed(1);
      add('circle', { cx: x(i), cy: y(p.score), r: 3, fill: '#a4161a' });
    });
    if (d) { add('path', { d: d, fill: 'none', stroke: '#a4161a', 'stroke-width': 2 }); }
    points.forEach(function (p, i) {
      add('text', { x: x(i), y: H - 6, 'text-anchor': 'middle', 'font-size': 10, fill: '#667' }, p.period.substring(5));
    });
    var chart = $('qd766-chart');
    chart.innerHTML = '';
    chart.appendChild(svg);
  }

  function loadLeague() {
    $('qd766-league-status').textContent = 'Đang tải…';
    getJson('/api/v1/rankings?tier=PROVINCE&criteria=' + SET + '&period=' + encodeURIComponent(state.week))
      .then(renderLeague)
      .catch(function (e) { $('qd766-league-status').textContent = 'Không tải được xếp hạng: ' + e.message; });
  }

  function renderLeague(r) {
    $('qd766-league-status').textContent = 'Tuần ' + r.period.label + ' (' + r.period.from + ' – ' + r.period.to + '), ' +
      r.entries.length + ' tỉnh được xếp hạng. Chọn một tỉnh (Enter) để xem điểm và diễn biến.';
    var all = r.entries.concat(r.unranked);
    var groups = all.length ? Object.keys(all[0].groups) : [];
    var head = $('qd766-national-head');
    head.innerHTML = '';
    ['Hạng', 'Tỉnh', 'Điểm', 'Xếp loại'].concat(groups).forEach(function (h) { head.appendChild(el('th', { scope: 'col' }, h)); });
    var tbody = document.querySelector('#qd766-national tbody');
    tbody.innerHTML = '';
    function row(e) {
      var tr = el('tr', { tabindex: '0', 'data-unit': e.unit.code });
      if (e.rank === null) { tr.className = 'unranked'; }
      if (e.unit.code === state.unit) { tr.className += ' selected'; tr.setAttribute('aria-selected', 'true'); }
      tr.appendChild(el('td', {}, e.rank === null ? '—' : String(e.rank)));
      tr.appendChild(el('th', { scope: 'row', 'class': 'name' }, e.unit.name));
      tr.appendChild(el('td', { 'class': 'score' }, fmt(e.score)));
      tr.appendChild(el('td', {}, e.band || '—'));
      groups.forEach(function (g) { tr.appendChild(el('td', {}, fmt(e.groups[g]))); });
      function choose() {
        state.unit = e.unit.code;
        $('qd766-unit').value = state.unit;
        remember();
        loadUnit();
        Array.prototype.forEach.call(tbody.querySelectorAll('tr'), function (t) {
          var sel = t.getAttribute('data-unit') === state.unit;
          t.classList.toggle('selected', sel);
          t.setAttribute('aria-selected', sel ? 'true' : 'false');
        });
      }
      tr.addEventListener('click', choose);
      tr.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); choose(); } });
      tbody.appendChild(tr);
    }
    r.entries.forEach(row);
    if (r.unranked.length) {
      var sep = el('tr', { 'class': 'separator' });
      sep.appendChild(el('td', { colspan: String(groups.length + 4) }, 'Chưa xếp hạng (chưa đủ một nửa số điểm áp dụng được)'));
      tbody.appendChild(sep);
      r.unranked.forEach(row);
    }
  }

  window.addEventListener('hashchange', toggle);
  toggle();
}());
