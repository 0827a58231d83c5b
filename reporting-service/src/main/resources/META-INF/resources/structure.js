// egov-pulse dashboard, SPEC 6 (structure over time): which structure date a ranking used, a switch between
// the structure as it stood at the period's end and today's (structure=current), and a unit's lineage
// (the units merged into it, or the unit it was merged into). app.js calls window.egovStructure.
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var select = $('structure');
  var wanted = new URLSearchParams(window.location.search).get('structure');
  if (wanted) {
    if (!Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
      var o = document.createElement('option');
      o.value = wanted;
      o.textContent = 'Cơ cấu ngày ' + wanted;
      select.appendChild(o);
    }
    select.value = wanted;
  }
  select.addEventListener('change', function () {
    // Same as pressing "Xem": the ranking, the stream and the address follow the new structure.
    $('filters').dispatchEvent(new Event('submit', { cancelable: true }));
  });

  function validity(u) {
    if (!u.validFrom && !u.validTo) { return ''; }
    return ' (' + (u.validFrom || '…') + ' – ' + (u.validTo || 'nay') + ')';
  }

  function item(u) {
    var li = document.createElement('li');
    li.setAttribute('data-unit', u.code);
    li.textContent = u.name + ' · ' + u.code + validity(u);
    return li;
  }

  window.egovStructure = {
    /** The query parameter for the chosen structure ('' for the period's last day). */
    param: function () {
      return select.value ? '&structure=' + encodeURIComponent(select.value) : '';
    },

    /** Shows which structure date the ranking on screen used. */
    shown: function (ranking) {
      $('structure-date').textContent = ranking.structure
        ? 'Cơ cấu đơn vị tại ngày ' + ranking.structure + (select.value === 'current' ? ' (hiện nay)' : '')
        : '';
      $('structure-date').setAttribute('data-structure', ranking.structure || '');
    },

    /** Fills the unit panel's lineage: predecessors (sáp nhập vào đơn vị này) or the successor. */
    unit: function (code) {
      var box = $('unit-lineage');
      box.innerHTML = '';
      fetch('/api/v1/units/' + encodeURIComponent(code) + '/lineage', { headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (l) {
          if (!l) { return; }
          if (l.predecessors && l.predecessors.length) {
            var p = document.createElement('p');
            p.textContent = 'Hình thành từ (số liệu các kỳ trước được cộng vào đơn vị này):';
            var ul = document.createElement('ul');
            ul.className = 'predecessors';
            l.predecessors.forEach(function (u) { ul.appendChild(item(u)); });
            box.appendChild(p);
            box.appendChild(ul);
          }
          if (l.successor) {
            var s = document.createElement('p');
            s.className = 'successor';
            s.setAttribute('data-unit', l.successor.code);
            s.textContent = 'Đã sáp nhập vào ' + l.successor.name + ' · ' + l.successor.code + ' từ ngày sau ' +
              (l.unit.validTo || '');
            box.appendChild(s);
          }
        })
        .catch(function () { /* the lineage is an extra: the panel stays as it is */ });
    }
  };
}());
