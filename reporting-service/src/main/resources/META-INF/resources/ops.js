// egov-pulse operator view (SPEC 8): the items behind a number, at-risk cases, gaps, sources, live alerts.
// Reads the province, period and selected unit that app.js keeps in the address bar; keyboard-usable
// (rows focusable, Enter activates), Vietnamese, dates dd/mm/yyyy, every list downloadable as CSV.
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var OUTCOMES = { EARLY: 'Trước hạn', ON_TIME: 'Đúng hạn', LATE: 'Quá hạn', OPEN_ON_TIME: 'Đang xử lý, trong hạn',
    OPEN_LATE: 'Đang xử lý, quá hạn', DUE_UNKNOWN: 'Chưa rõ hạn' };
  var ALERTS = { 'case.dueSoon': 'Hồ sơ sắp đến hạn', 'case.overdue': 'Hồ sơ quá hạn',
    'source.silent': 'Hệ thống nguồn ngừng gửi', 'source.back': 'Hệ thống nguồn gửi lại' };
  var ops = { unit: null, province: null, period: 'YTD', indicator: 'onestop.onTimeRate', cursors: [], cursor: null, alerts: null };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  /** 2020-03-14 → 14/03/2020; a time keeps its local hour and minute. */
  function pad2(n) { return (n < 10 ? '0' : '') + n; }

  function vnDate(s) {
    if (!s) { return '—'; }
    // An instant (ending in Z or an offset) is shown in Vietnam's time, UTC+7 (no daylight saving since 1975),
    // whatever the browser's zone; a local date or date-time is shown as it is.
    if (/T\d{2}:\d{2}.*(Z|[+-]\d{2}:?\d{2})$/.test(String(s))) {
      var t = Date.parse(String(s));
      if (!isNaN(t)) {
        var v = new Date(t + 7 * 3600 * 1000);
        return pad2(v.getUTCDate()) + '/' + pad2(v.getUTCMonth() + 1) + '/' + v.getUTCFullYear()
          + ' ' + pad2(v.getUTCHours()) + ':' + pad2(v.getUTCMinutes());
      }
    }
    var m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(String(s));
    if (!m) { return String(s); }
    return m[3] + '/' + m[2] + '/' + m[1] + (m[4] ? ' ' + m[4] + ':' + m[5] : '');
  }

  function getJson(url) {
    return fetch(url, { headers: { 'Accept': 'application/json' } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error(body.detail || (body.errors && body.errors[0] && body.errors[0].message) || ('HTTP ' + r.status)); }
        return body;
      });
    });
  }

  function say(id, text) { $(id).textContent = text; }

  /**
   * A table with th scope=col; rows focusable and activated by Enter or Space when onActivate is given.
   * A live refresh redraws it: the row that had the keyboard focus keeps it.
   */
  function table(id, headers, rows, onActivate) {
    var t = $(id);
    var focused = -1;
    if (t.contains(document.activeElement) && document.activeElement.tagName === 'TR') {
      focused = Array.prototype.indexOf.call(t.querySelectorAll('tbody tr'), document.activeElement);
    }
    t.textContent = '';
    var thead = el('thead'), tr = el('tr');
    headers.forEach(function (h) { tr.appendChild(el('th', { scope: 'col' }, h)); });
    thead.appendChild(tr);
    t.appendChild(thead);
    var tbody = el('tbody');
    rows.forEach(function (cells, i) {
      var row = el('tr');
      cells.forEach(function (c) { row.appendChild(el('td', {}, c)); });
      if (onActivate) {
        row.setAttribute('tabindex', '0');
        row.className = 'activatable';
        row.addEventListener('click', function () { onActivate(i); });
        row.addEventListener('keydown', function (ev) {
          if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); onActivate(i); }
        });
      }
      tbody.appendChild(row);
    });
    t.appendChild(tbody);
    if (focused >= 0 && tbody.rows.length) { tbody.rows[Math.min(focused, tbody.rows.length - 1)].focus(); }
  }

  function csvLink(id, url) {
    var a = $(id);
    a.href = url + (url.indexOf('?') < 0 ? '?' : '&') + 'format=csv';
  }

  function fromAddress() {
    var q = new URLSearchParams(window.location.search);
    ops.province = q.get('province') || ($('province') && $('province').value) || ops.province;
    ops.period = q.get('period') || ($('period') && $('period').value) || ops.period;
    ops.unit = $('ops-unit').value || q.get('unit') || ops.unit;
    if (ops.unit) { $('ops-unit').value = ops.unit; }
  }

  function loadFacts(cursor) {
    if (!ops.unit) { return; }
    ops.cursor = cursor;
    var url = '/api/v1/units/' + encodeURIComponent(ops.unit) + '/facts?indicator=' + encodeURIComponent(ops.indicator) +
      '&period=' + encodeURIComponent(ops.period);
    var outcome = $('ops-outcome').value;
    if (outcome) { url += '&outcome=' + outcome; }
    csvLink('ops-facts-csv', url + '&limit=1000');
    var pageUrl = url + '&limit=50' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
    getJson(pageUrl).then(function (p) {
      say('ops-facts-title', 'Hồ sơ/văn bản sau con số ' + p.indicator + ' của ' + p.unit + ': tử số ' + p.numerator +
        (p.denominator === null ? '' : ', mẫu số ' + p.denominator));
      var items = p.items;
      var isCase = items.length && items[0].caseId !== undefined;
      var isDoc = items.length && items[0].documentId !== undefined;
      var headers, rows;
      if (isCase) {
        headers = ['Mã hồ sơ', 'Đơn vị', 'Tiếp nhận', 'Hẹn trả', 'Giải quyết', 'Kênh', 'Kết quả', 'Tính vào tử số', 'Sự kiện'];
        rows = items.map(function (i) {
          return [i.caseId, i.unit, vnDate(i.received), vnDate(i.due), vnDate(i.resolved), i.channel || '—',
            OUTCOMES[i.outcome] || i.outcome, i.inNumerator ? 'Có' : 'Không', i.events.map(function (e) { return e.id; }).join(', ')];
        });
      } else if (isDoc) {
        headers = ['Số văn bản', 'Đơn vị', 'Ngày', 'Loại', 'Tính vào tử số', 'Sự kiện'];
        rows = items.map(function (i) {
          return [i.documentId, i.unit, vnDate(i.day), i.direction === 'ISSUED' ? 'Văn bản đi' : 'Văn bản đến',
            i.inNumerator ? 'Có' : 'Không', i.events[0].source + ' ' + i.events[0].id];
        });
      } else {
        headers = ['Mã', 'Đơn vị', 'Ngày', 'Tính vào tử số'];
        rows = items.map(function (i) {
          return [i.meetingId || i.feedbackId || i.period, i.unit, vnDate(i.day || i.received || i.from), i.inNumerator ? 'Có' : 'Không'];
        });
      }
      table('ops-facts', headers, rows);
      $('ops-facts-next').disabled = !p.next;
      $('ops-facts-next').onclick = function () { ops.cursors.push(cursor); loadFacts(p.next); };
      $('ops-facts-prev').disabled = ops.cursors.length === 0;
      $('ops-facts-prev').onclick = function () { loadFacts(ops.cursors.pop()); };
      say('ops-facts-status', items.length + ' mục trên trang này' + (p.next ? '; còn trang sau.' : '.'));
    }).catch(function (e) { say('ops-facts-status', 'Không tải được: ' + e.message); });
  }

  function showFacts(indicator) {
    ops.indicator = indicator;
    ops.cursors = [];
    loadFacts(null);
    $('ops-facts-title').focus();
  }

  function loadGaps() {
    var url = '/api/v1/units/' + encodeURIComponent(ops.unit) + '/gaps?period=' + encodeURIComponent(ops.period);
    csvLink('ops-gaps-csv', url);
    getJson(url).then(function (g) {
      var rows = g.indicators.map(function (i) {
        return [i.indicator, i.numerator + (i.denominator === null ? '' : ' / ' + i.denominator),
          i.points === null ? '—' : i.points, i.maxPoints, i.lost === null ? '—' : i.lost,
          i.toFullMarks === null ? 'Không thể đạt' : i.toFullMarks];
      });
      table('ops-gaps', ['Chỉ số', 'Tử số / mẫu số', 'Điểm', 'Tối đa', 'Mất', 'Cần thêm để đạt tối đa'], rows,
        function (i) { showFacts(g.indicators[i].indicator); });
      say('ops-gaps-status', 'Điểm ' + (g.score === null ? '—' : g.score) + (g.rank ? ', hạng ' + g.rank : '') +
        (g.next ? '. Đơn vị ngay trên: ' + g.next.unit.name + ' (' + g.next.score + ' điểm, hơn ' + g.next.pointsBetween + ' điểm).'
          : '.') + ' Nhấn Enter trên một dòng để xem các hồ sơ sau con số.');
    }).catch(function (e) { say('ops-gaps-status', 'Không tải được: ' + e.message); });
  }

  function loadAtRisk() {
    var within = 'P' + Math.max(0, Math.min(90, parseInt($('ops-within').value || '3', 10) || 0)) + 'D';
    var url = $('ops-scope').value === 'province' && ops.province
      ? '/api/v1/provinces/' + encodeURIComponent(ops.province) + '/at-risk?within=' + within
      : '/api/v1/units/' + encodeURIComponent(ops.unit) + '/at-risk?within=' + within;
    csvLink('ops-risk-csv', url);
    getJson(url).then(function (r) {
      table('ops-risk', ['Đơn vị', 'Mã hồ sơ', 'Hẹn trả', 'Còn (ngày)'], r.items.map(function (i) {
        return [i.unit, i.caseId || i.feedbackId, vnDate(i.due), i.daysLeft < 0 ? 'Quá ' + (-i.daysLeft) : i.daysLeft];
      }));
      say('ops-risk-status', r.total + ' hồ sơ quá hạn hoặc đến hạn trong ' + within.slice(1, -1) + ' ngày.');
    }).catch(function (e) { say('ops-risk-status', 'Không tải được: ' + e.message); });
  }

  function loadSources() {
    if (!ops.province) { return; }
    var url = '/api/v1/sources?province=' + encodeURIComponent(ops.province);
    csvLink('ops-sources-csv', url);
    getJson(url).then(function (s) {
      table('ops-sources', ['Nguồn', 'Sự kiện gần nhất', '24 giờ', '7 ngày', 'Trạng thái'], s.sources.map(function (x) {
        return [x.source, vnDate(x.lastEventTime), x.last24h, x.last7d, x.silent ? 'Ngừng gửi' : 'Bình thường'];
      }));
      say('ops-sources-status', s.sources.length + ' hệ thống nguồn.');
    }).catch(function (e) { say('ops-sources-status', 'Không tải được: ' + e.message); });
  }

  function followAlerts() {
    // live=0 (as in app.js) keeps streams closed: headless dumps never finish while one is open.
    if (new URLSearchParams(window.location.search).get('live') === '0') { return; }
    if (!window.EventSource || !ops.province || ops.alertsProvince === ops.province) { return; }
    if (ops.alerts) { ops.alerts.close(); }
    ops.alertsProvince = ops.province;
    ops.alerts = new EventSource('/api/v1/alerts/stream?province=' + encodeURIComponent(ops.province));
    // data-live says whether alerts arrive now (an alert is sent once: one sent while closed is not shown).
    ops.alerts.onopen = function () { $('ops-alerts').setAttribute('data-live', 'on'); };
    ops.alerts.onerror = function () { $('ops-alerts').setAttribute('data-live', 'off'); };
    Object.keys(ALERTS).forEach(function (type) {
      ops.alerts.addEventListener(type, function (ev) {
        var a = JSON.parse(ev.data);
        var li = el('li', {}, ALERTS[type] + ': ' + (a.caseId ? a.unit + ' ' + a.caseId + ', hẹn trả ' + vnDate(a.due)
          : a.source + ', sự kiện gần nhất ' + vnDate(a.lastEventTime)));
        var list = $('ops-alerts');
        list.insertBefore(li, list.firstChild);
        if (type === 'case.dueSoon' || type === 'case.overdue') { loadAtRisk(); }
        if (type.indexOf('source.') === 0) { loadSources(); }
      });
    });
  }

  /**
   * Something of the province changed (app.js heard it on the live ranking stream): reload what is
   * shown, the facts on the page the officer is on, without a reload of the page.
   */
  function refresh() {
    if (ops.unit) {
      loadGaps();
      loadFacts(ops.cursor);
      loadAtRisk();
    }
    loadSources();
  }

  function loadAll() {
    fromAddress();
    if (!ops.unit) { say('ops-status', 'Chọn một đơn vị trong bảng xếp hạng hoặc nhập mã đơn vị.'); loadSources(); followAlerts(); return; }
    say('ops-status', 'Đơn vị ' + ops.unit + ', kỳ ' + ops.period + '.');
    ops.cursors = [];
    loadGaps();
    loadFacts(null);
    loadAtRisk();
    loadSources();
    followAlerts();
  }

  function build() {
    var s = el('section', { id: 'ops', 'aria-labelledby': 'ops-h' });
    s.innerHTML =
      '<h2 id="ops-h">Công cụ vận hành</h2>' +
      '<form id="ops-form"><label>Mã đơn vị <input id="ops-unit" size="24"></label> ' +
      '<button type="submit">Xem</button></form>' +
      '<p id="ops-status" class="status" role="status" aria-live="polite"></p>' +
      '<h3>Điểm bị mất và đơn vị ngay trên</h3><p id="ops-gaps-status" class="status" aria-live="polite"></p>' +
      '<table id="ops-gaps"></table><a id="ops-gaps-csv" download>Tải CSV</a>' +
      '<h3 id="ops-facts-title" tabindex="-1">Hồ sơ sau con số</h3>' +
      '<label>Kết quả <select id="ops-outcome"><option value="">Tất cả</option>' +
      Object.keys(OUTCOMES).map(function (k) { return '<option value="' + k + '">' + OUTCOMES[k] + '</option>'; }).join('') +
      '</select></label> <button type="button" id="ops-facts-prev">Trang trước</button> ' +
      '<button type="button" id="ops-facts-next">Trang sau</button> <a id="ops-facts-csv" download>Tải CSV</a>' +
      '<p id="ops-facts-status" class="status" aria-live="polite"></p><table id="ops-facts"></table>' +
      '<h3>Hồ sơ sắp đến hạn, quá hạn</h3><label>Trong <input id="ops-within" type="number" min="0" max="90" value="3" size="3"> ngày</label> ' +
      '<label>Phạm vi <select id="ops-scope"><option value="unit">Đơn vị</option><option value="province">Cả tỉnh</option></select></label> ' +
      '<a id="ops-risk-csv" download>Tải CSV</a><p id="ops-risk-status" class="status" aria-live="polite"></p><table id="ops-risk"></table>' +
      '<h3>Hệ thống nguồn</h3><a id="ops-sources-csv" download>Tải CSV</a>' +
      '<p id="ops-sources-status" class="status" aria-live="polite"></p><table id="ops-sources"></table>' +
      '<h3>Cảnh báo</h3><ul id="ops-alerts" aria-live="polite"></ul>';
    document.querySelector('main').appendChild(s);
    $('ops-form').addEventListener('submit', function (ev) { ev.preventDefault(); loadAll(); });
    $('ops-outcome').addEventListener('change', function () { ops.cursors = []; loadFacts(null); });
    $('ops-within').addEventListener('change', loadAtRisk);
    $('ops-scope').addEventListener('change', loadAtRisk);
    document.addEventListener('egov:changed', refresh);
    // A unit chosen in the ranking (app.js writes it to the address bar): follow it.
    var body = $('ranking-body');
    if (body) {
      body.addEventListener('click', function () { setTimeout(function () { $('ops-unit').value = ''; loadAll(); }, 0); });
    }
  }

  build();
  loadAll();
}());
