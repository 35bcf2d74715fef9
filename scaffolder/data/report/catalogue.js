// SPDX-FileCopyrightText: 2026 CERN
// SPDX-License-Identifier: Apache-2.0
// The catalogue's filters and search: plain JavaScript, no request. Without it every project is listed.
(function () {
  "use strict";
  var list = document.getElementById("projects");
  if (!list) { return; }
  var items = Array.prototype.map.call(list.children, function (li) {
    return {
      el: li,
      text: li.textContent.toLowerCase(),
      kind: li.getAttribute("data-kind"),
      licences: (li.getAttribute("data-licences") || "").split(" "),
      status: li.getAttribute("data-status")
    };
  });
  var q = document.getElementById("q");
  var kind = document.getElementById("kind");
  var licence = document.getElementById("licence");
  var status = document.getElementById("status");
  var count = document.getElementById("count");
  var total = items.length;
  function apply() {
    var words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var k = kind.value, l = licence.value, s = status.value, shown = 0;
    for (var i = 0; i < items.length; i++) {
      var it = items[i];
      var ok = (!k || it.kind === k) && (!l || it.licences.indexOf(l) >= 0) && (!s || it.status === s);
      for (var j = 0; ok && j < words.length; j++) { ok = it.text.indexOf(words[j]) >= 0; }
      if (it.el.hidden === ok) { it.el.hidden = !ok; }
      if (ok) { shown++; }
    }
    count.textContent = shown + " of " + total + " projects shown";
  }
  [q, kind, licence, status].forEach(function (el) {
    el.addEventListener("input", apply);
    el.addEventListener("change", apply);
  });
  document.getElementById("filters").hidden = false;
  apply();
  document.documentElement.setAttribute("data-ready", "1");
  window.catalogueReadyAt = performance.now();  // time to interactive, read by benchmarks/bench_catalogue.py
})();
