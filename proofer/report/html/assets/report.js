(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  var RANK = { error: 3, warning: 2, suggestion: 1 };
  var cards = Array.prototype.slice.call(document.querySelectorAll("li.finding[data-f]"));
  var byKey = {};
  cards.forEach(function (card) { byKey[card.dataset.f] = card; });
  var segments = Array.prototype.slice.call(document.querySelectorAll("mark.hl"));
  var popover = document.getElementById("popover");
  var popoverCard = null;
  var position = document.getElementById("position");
  var filters = { severity: "all", engine: "all", rule: "all" };
  var current = null;
  var hoverTimer = 0;
  var smooth = window.matchMedia && !window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function keysOf(segment) { return segment.dataset.f.split(" "); }
  function shown(card) { return !card.hidden; }
  function visibleCards() { return cards.filter(shown); }
  function markOf(card) {
    var id = card.dataset.target;
    return id ? document.getElementById(id) : null;
  }

  function matches(card) {
    return (filters.severity === "all" || card.dataset.severity === filters.severity) &&
      (filters.engine === "all" || card.dataset.engine === filters.engine) &&
      (filters.rule === "all" || card.dataset.rule === filters.rule);
  }

  function applyFilters() {
    cards.forEach(function (card) { card.hidden = !matches(card); });
    segments.forEach(function (segment) {
      var live = keysOf(segment).filter(function (key) { return shown(byKey[key]); });
      segment.classList.toggle("off", live.length === 0);
      var worst = null;
      live.forEach(function (key) {
        var level = byKey[key].dataset.severity;
        if (worst === null || RANK[level] > RANK[worst]) { worst = level; }
      });
      ["error", "warning", "suggestion"].forEach(function (level) {
        segment.classList.toggle("sev-" + level, level === worst);
      });
      if (segment.dataset.first) {
        var starts = segment.dataset.first.split(" ").some(function (key) { return shown(byKey[key]); });
        segment.tabIndex = starts ? 0 : -1;
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll("aside.findings"), function (aside) {
      var list = aside.querySelectorAll("li.finding");
      var visible = Array.prototype.filter.call(list, shown).length;
      var heading = aside.querySelector("h3");
      var total = Number(heading.dataset.total);
      if (total) {
        heading.textContent = visible === total ? total + (total === 1 ? " finding" : " findings")
          : visible + " of " + total + " findings shown";
      }
      aside.querySelector(".none-shown").hidden = !(total && visible === 0);
    });
    if (current && !shown(current)) { select(null); }
    updatePosition();
  }

  function updatePosition() {
    var visible = visibleCards();
    if (!position) { return; }
    if (current && shown(current)) {
      position.textContent = "Finding " + (visible.indexOf(current) + 1) + " of " + visible.length;
    } else {
      position.textContent = visible.length + (visible.length === 1 ? " finding" : " findings");
    }
  }

  function scrollList(card) {
    var aside = card.closest("aside.findings");
    if (aside && aside.scrollHeight > aside.clientHeight) {
      var top = card.getBoundingClientRect().top - aside.getBoundingClientRect().top + aside.scrollTop;
      if (top < aside.scrollTop || top + card.offsetHeight > aside.scrollTop + aside.clientHeight) {
        aside.scrollTop = Math.max(0, top - aside.clientHeight / 3);
      }
    }
  }

  function fillPopover(card) {
    var copy = card.cloneNode(true);
    var close = document.createElement("button");
    close.type = "button";
    close.className = "close";
    close.setAttribute("aria-label", "Close");
    close.textContent = "×";
    close.addEventListener("click", function () { hidePopover(); });
    popover.replaceChildren(close);
    Array.prototype.slice.call(copy.childNodes).forEach(function (node) { popover.appendChild(node); });
    popover.className = "popover sev-" + card.dataset.severity;
    popover.setAttribute("aria-label", card.dataset.severity + " finding " + card.dataset.n);
  }

  function placePopover(anchor) {
    popover.hidden = false;
    var rect = anchor.getClientRects()[0] || anchor.getBoundingClientRect();
    var width = popover.offsetWidth;
    // Keep the card over the draft it belongs to (or at least on the screen).
    var prose = anchor.closest(".prose");
    var right = prose ? prose.getBoundingClientRect().right : document.documentElement.clientWidth;
    if (right - width < 8) { right = document.documentElement.clientWidth; }
    var left = Math.min(rect.left, right - width - 8);
    popover.style.left = (window.scrollX + Math.max(8, left)) + "px";
    popover.style.top = (window.scrollY + rect.bottom + 8) + "px";
  }

  function showPopover(card, anchor) {
    if (!anchor) { hidePopover(); return; }
    // Refill only for another card: a pending hover timer must not replace the open card's
    // nodes under the reader's pointer (or a click on its link).
    if (popoverCard !== card || popover.hidden) {
      fillPopover(card);
      popoverCard = card;
    }
    placePopover(anchor);
  }

  function hidePopover() {
    popover.hidden = true;
    popover.replaceChildren();
    popoverCard = null;
  }

  function select(card, options) {
    options = options || {};
    current = card;
    cards.forEach(function (c) { c.classList.toggle("active", c === card); });
    segments.forEach(function (segment) {
      segment.classList.toggle("active", !!card && keysOf(segment).indexOf(card.dataset.f) >= 0);
    });
    updatePosition();
    if (!card) { hidePopover(); return; }
    var mark = markOf(card);
    var target = mark || card;
    if (options.scroll) {
      target.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
    }
    if (options.focus) { target.focus({ preventScroll: true }); }
    scrollList(card);
    showPopover(card, mark);
  }

  function step(delta) {
    var visible = visibleCards();
    if (!visible.length) { return; }
    var index = current ? visible.indexOf(current) : -1;
    if (index < 0) {
      index = delta > 0 ? 0 : visible.length - 1;
    } else {
      index = (index + delta + visible.length) % visible.length;
    }
    select(visible[index], { scroll: true, focus: true });
  }

  function cardOfSegment(segment) {
    var keys = (segment.dataset.first || segment.dataset.f).split(" ").concat(keysOf(segment));
    for (var i = 0; i < keys.length; i++) {
      if (shown(byKey[keys[i]])) { return byKey[keys[i]]; }
    }
    return null;
  }

  segments.forEach(function (segment) {
    segment.addEventListener("click", function (event) {
      var card = cardOfSegment(segment);
      if (!card) { return; }
      event.preventDefault();
      select(card, { focus: false });
    });
    segment.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        var card = cardOfSegment(segment);
        if (card) { event.preventDefault(); select(card, { focus: false }); }
      }
    });
    segment.addEventListener("focus", function () {
      var card = cardOfSegment(segment);
      if (card && card !== current) { select(card, { focus: false }); }
    });
    segment.addEventListener("mouseenter", function () {
      var card = cardOfSegment(segment);
      window.clearTimeout(hoverTimer);
      if (card && card !== current) {
        hoverTimer = window.setTimeout(function () { showPopover(card, segment); }, 120);
      }
    });
    segment.addEventListener("mouseleave", leave);
  });

  // After a hover preview: back to the selected finding's card, or none.
  function leave() {
    window.clearTimeout(hoverTimer);
    hoverTimer = window.setTimeout(function () {
      if (popover.matches(":hover")) { return; }
      if (current) { showPopover(current, markOf(current)); } else { hidePopover(); }
    }, 250);
  }
  popover.addEventListener("mouseleave", leave);
  popover.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (link && !link.classList.contains("where")) { hidePopover(); }
  });

  cards.forEach(function (card) {
    card.addEventListener("click", function (event) {
      var link = event.target.closest("a");
      if (link && !link.classList.contains("where")) { return; }
      event.preventDefault();
      select(card, { scroll: true, focus: true });
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("button[data-filter]"), function (button) {
    button.addEventListener("click", function () {
      filters.severity = button.dataset.value;
      Array.prototype.forEach.call(document.querySelectorAll("button[data-filter]"), function (b) {
        b.setAttribute("aria-pressed", String(b === button));
      });
      applyFilters();
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("select[data-filter]"), function (select_) {
    select_.addEventListener("change", function () {
      filters[select_.dataset.filter] = select_.value;
      applyFilters();
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("button[data-step]"), function (button) {
    button.addEventListener("click", function () { step(Number(button.dataset.step)); });
  });

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") { return; }
    if (event.key === "n" || event.key === "j") { event.preventDefault(); step(1); }
    else if (event.key === "p" || event.key === "k") { event.preventDefault(); step(-1); }
    else if (event.key === "Escape") { select(null); }
  });
  document.addEventListener("click", function (event) {
    if (!current || popover.hidden) { return; }
    if (event.target.closest("mark.hl, li.finding, .popover, .toolbar")) { return; }
    select(null);
  });
  window.addEventListener("resize", function () {
    if (current && !popover.hidden) { placePopover(markOf(current) || current); }
  });

  applyFilters();
})();
