// The studio's only script: live job status (polling /status) and following a growing file
// (polling /tail). It writes text with textContent only, never HTML.
(function () {
  'use strict';

  function setText(id, value) {
    var el = document.getElementById(id);
    if (el && value !== undefined && value !== null) {
      el.textContent = String(value);
    }
  }

  var status = document.querySelector('[data-status-url]');
  if (status && status.getAttribute('data-ended') !== 'true') {
    var pollStatus = function () {
      fetch(status.getAttribute('data-status-url'), { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (s) {
          if (!s) { setTimeout(pollStatus, 3000); return; }
          status.textContent = s.status;
          status.className = 'status status-' + s.status.toLowerCase();
          setText('done', s.done);
          setText('total', s.total < 0 ? '-' : s.total);
          setText('succeeded', s.succeeded === null ? '-' : s.succeeded);
          setText('failed', s.failed === null ? '-' : s.failed);
          setText('rate', s.rate.toFixed(1));
          setText('eta', s.eta || '-');
          setText('started', s.started || '');
          setText('ended', s.ended_at || '');
          var bar = document.getElementById('progress');
          if (bar) { bar.value = s.percent < 0 ? 0 : s.percent; }
          if (s.ended) {
            status.setAttribute('data-ended', 'true');
            var cancel = document.getElementById('cancel-form');
            if (cancel) { cancel.remove(); }
          } else {
            setTimeout(pollStatus, 1000);
          }
        })
        .catch(function () { setTimeout(pollStatus, 3000); });
    };
    setTimeout(pollStatus, 1000);
  }

  var text = document.querySelector('pre[data-follow-url]');
  if (text && text.getAttribute('data-follow-url')) {
    var followFile = function () {
      var url = text.getAttribute('data-follow-url') + '?offset=' + text.getAttribute('data-offset');
      fetch(url, { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (t) {
          if (!t) { return; }
          if (t.text) { text.appendChild(document.createTextNode(t.text)); }
          text.setAttribute('data-offset', String(t.next));
          if (!t.ended || t.text) { setTimeout(followFile, 1000); }
        })
        .catch(function () { setTimeout(followFile, 3000); });
    };
    setTimeout(followFile, 1000);
  }
})();
