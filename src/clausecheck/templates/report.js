// The HTML report's script (inlined, allowed by its hash): sorting and filtering of the index,
// copy buttons for amendments, and collapsed sections opened for printing. It loads nothing.
"use strict";
(function () {
  document.documentElement.classList.add("js");

  var table = document.getElementById("documents");
  if (table) {
    setUpIndex(table);
  }

  function setUpIndex(table) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (header) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (header.firstChild) {
        button.appendChild(header.firstChild);
      }
      header.appendChild(button);
      button.addEventListener("click", function () { sortBy(header); });
    });

    function sortBy(header) {
      var key = header.dataset.key;
      var descending = header.getAttribute("aria-sort") === "ascending";
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var sign = descending ? -1 : 1;
      var sorted = rows.slice().sort(function (a, b) {
        var x = a.dataset[key], y = b.dataset[key];
        var order = key === "file" ? x.localeCompare(y) : Number(x) - Number(y);
        return sign * order || Number(a.dataset.n) - Number(b.dataset.n);
      });
      var fragment = document.createDocumentFragment();
      sorted.forEach(function (row) { fragment.appendChild(row); });
      body.appendChild(fragment);
    }

    var filter = document.getElementById("filter");
    var find = document.getElementById("find");
    var shown = document.getElementById("shown");
    function applyFilter() {
      var wanted = filter.value, text = find.value.trim().toLowerCase(), count = 0;
      rows.forEach(function (row) {
        var matches = (wanted === "all" || row.dataset.verdict === wanted ||
                       row.dataset.has.split(" ").indexOf(wanted) >= 0) &&
                      (!text || row.dataset.file.indexOf(text) >= 0);
        row.hidden = !matches;
        document.getElementById(row.dataset.doc).hidden = !matches;
        count += matches ? 1 : 0;
      });
      shown.textContent = "Showing " + count + " of " + rows.length + " documents";
    }
    filter.addEventListener("change", applyFilter);
    find.addEventListener("input", applyFilter);
    applyFilter();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy");
    if (!button) {
      return;
    }
    var source = document.getElementById(button.dataset.copy);
    var label = button.textContent;
    function copied() {
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 2000);
    }
    function selectInstead() {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      if (document.execCommand("copy")) {
        copied();
      } else {
        button.textContent = "Selected: press Ctrl+C";
      }
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(source.textContent).then(copied, selectInstead);
    } else {
      selectInstead();
    }
  });

  // A link to a provision inside a collapsed list opens the list.
  function openTarget() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var details = target && target.closest("details");
    if (details) {
      details.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();

  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      openedForPrint.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.splice(0).forEach(function (details) { details.open = false; });
  });
})();
