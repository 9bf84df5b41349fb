"use strict";
(function () {
  const table = document.getElementById("findings");
  const rows = Array.from(document.querySelectorAll("tbody.finding"));
  const controls = Array.from(document.querySelectorAll("[data-filter]"));
  const shown = document.getElementById("shown");

  // Each picture is in the page once; findings on the same value borrow it.
  document.querySelectorAll("img[data-same-as]").forEach(function (img) {
    img.src = document.getElementById(img.dataset.sameAs).src;
  });

  function applyFilters() {
    const wanted = {};
    controls.forEach(function (c) { wanted[c.dataset.filter] = c.value.trim().toLowerCase(); });
    let count = 0;
    rows.forEach(function (row) {
      const ok = ["order", "severity", "rule", "doctype", "status"].every(function (k) {
        return !wanted[k] || row.dataset[k].toLowerCase() === wanted[k];
      }) && (!wanted.text || row.textContent.toLowerCase().includes(wanted.text));
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = count + " of " + rows.length + " findings";
    document.getElementById("none-shown").hidden = count > 0 || rows.length === 0;
  }
  controls.forEach(function (c) { c.addEventListener("input", applyFilters); });

  // Delegated: the served page replaces the orders table after each decision.
  document.addEventListener("click", function (event) {
    const b = event.target.closest("button.show-order");
    if (!b) { return; }
    controls.forEach(function (c) { c.value = c.dataset.filter === "order" ? b.dataset.order : ""; });
    applyFilters();
    document.getElementById("filters").scrollIntoView();
  });

  function setOpen(row, open) {
    const button = row.querySelector("button.toggle");
    row.querySelector("tr.evidence").hidden = !open;
    button.setAttribute("aria-expanded", String(open));
  }
  rows.forEach(function (row) {
    row.querySelector("button.toggle").addEventListener("click", function () {
      setOpen(row, row.querySelector("tr.evidence").hidden);
    });
  });
  const expandAll = document.getElementById("expand-all");
  expandAll.addEventListener("click", function () {
    const open = expandAll.dataset.open !== "1";
    rows.forEach(function (row) { if (!row.hidden) { setOpen(row, open); } });
    expandAll.dataset.open = open ? "1" : "0";
    expandAll.textContent = open ? "evidence: hide all" : "evidence: show all";
  });

  let sortKey = null;
  let ascending = true;
  document.querySelectorAll("th.sortable").forEach(function (th) {
    th.addEventListener("click", function () {
      const key = th.dataset.sort;
      ascending = sortKey === key ? !ascending : true;
      sortKey = key;
      document.querySelectorAll("th.sortable").forEach(function (h) { h.classList.remove("sorted-asc", "sorted-desc"); });
      th.classList.add(ascending ? "sorted-asc" : "sorted-desc");
      const sorted = rows.slice().sort(function (a, b) {
        const c = a.dataset[key].localeCompare(b.dataset[key], undefined, { numeric: true });
        return ascending ? c : -c;
      });
      sorted.forEach(function (row) { table.appendChild(row); });
    });
  });

  // Review controls exist only when the report is served by `tradecheck ui`.
  const tokenMeta = document.querySelector('meta[name="tradecheck-token"]');
  if (!tokenMeta) { return; }
  const reviewer = document.getElementById("reviewer");
  reviewer.value = localStorage.getItem("tradecheck-reviewer") ||
    document.querySelector('meta[name="tradecheck-reviewer"]').content;
  reviewer.addEventListener("change", function () { localStorage.setItem("tradecheck-reviewer", reviewer.value); });

  // Order statuses are the server's to compute: after a decision, take them from a fresh rendering.
  function refreshOverview() {
    return fetch(location.pathname + location.search).then(function (response) {
      return response.text();
    }).then(function (html) {
      const fresh = new DOMParser().parseFromString(html, "text/html");
      ["#tiles", "#orders tbody"].forEach(function (selector) {
        document.querySelector(selector).innerHTML = fresh.querySelector(selector).innerHTML;
      });
      document.querySelectorAll("details.order").forEach(function (details) {
        const other = fresh.getElementById(details.id);
        if (other) { details.replaceChildren.apply(details, Array.from(other.childNodes)); }
      });
    });
  }

  document.querySelectorAll("form.review").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const status = event.submitter ? event.submitter.value : "accepted";
      const result = form.querySelector(".review-result");
      result.textContent = "saving…";
      fetch("api/review", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Tradecheck-Token": tokenMeta.content },
        body: JSON.stringify({ id: form.dataset.id, status: status, comment: form.comment.value, by: reviewer.value }),
      }).then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) { throw new Error(body.error || response.statusText); }
          return body;
        });
      }).then(function (body) {
        const row = document.getElementById("f-" + form.dataset.id);
        row.dataset.status = body.status;
        row.classList.toggle("closed", body.status !== "open");
        const badge = row.querySelector(".badge.status");
        badge.className = "badge status " + body.status;
        badge.textContent = body.status;
        row.querySelector(".decision").textContent = body.summary;
        result.textContent = "saved";
        return refreshOverview();
      }).catch(function (error) { result.textContent = "not saved: " + error.message; });
    });
  });
})();
