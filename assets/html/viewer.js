// Argmap HTML export: the viewer. Hand-written, no dependencies; embedded
// by src/render/html.rs next to the drawing (an inline <svg> whose boxes and
// connectors are <g data-id="ID">, edges <g data-from data-to>) and the
// map's data (JSON in <script id="argmap-data">, see src/render/html_data.rs).
//
// Every piece of map text reaches the page through textContent or
// createTextNode, never as HTML; only http and https addresses become links.
(function () {
  'use strict';
  // Performance marks for timing: argmap-script (the script starts),
  // argmap-drawn (the drawing's first frame is painted), argmap-ready
  // (the outline is built too; html[data-ready] is then set).
  function mark(name) { if (window.performance && performance.mark) performance.mark(name); }
  mark('argmap-script');

  var data = JSON.parse(document.getElementById('argmap-data').textContent);
  var stage = document.getElementById('stage');
  var svg = stage.querySelector('svg');
  var panel = document.getElementById('panel');
  var outlineRoot = document.getElementById('outline');
  var SVGNS = 'http://www.w3.org/2000/svg';

  var statements = {};
  data.statements.forEach(function (s) { statements[s.id] = s; });
  var inferences = {};
  data.inferences.forEach(function (i) { inferences[i.id] = i; });
  var into = {}; // id -> inferences whose target it is
  var from = {}; // id -> inferences it is a premise of
  data.inferences.forEach(function (i) {
    if (i.target) (into[i.target] = into[i.target] || []).push(i);
    i.premises.forEach(function (p) { (from[p] = from[p] || []).push(i); });
  });

  // ---- small DOM helpers: text only -------------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  var groupsById = {};
  svg.querySelectorAll('g[data-id]').forEach(function (g) {
    var id = g.getAttribute('data-id');
    (groupsById[id] = groupsById[id] || []).push(g);
    // Reachable by keyboard: Tab to a node, Enter or Space opens it.
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
  });
  var evalById = {};
  // The evaluation overlay's marks: per box data-node, per connector data-connector.
  svg.querySelectorAll('g[data-node], g[data-connector]').forEach(function (g) {
    evalById[g.getAttribute('data-node') || g.getAttribute('data-connector')] = g;
  });
  var edges = Array.prototype.slice.call(svg.querySelectorAll('g[data-from]'));
  // The evaluation overlay: shown outside tours when exported with --eval
  // (data.eval_shown); during a tour only at steps whose overlay asks for
  // it, as present mode does.
  var evalGroup = svg.querySelector('#evaluation');
  var overlayOn = false;
  function setOverlay(on) {
    overlayOn = !!(on && evalGroup);
    if (evalGroup) evalGroup.classList.toggle('off', !overlayOn);
    document.documentElement.setAttribute('data-overlay', overlayOn ? 'evaluation_labels' : 'none');
    if (selected) renderPanel(selected);
  }

  function label(id) {
    var s = statements[id];
    if (s) return s.title || s.text;
    var i = inferences[id];
    if (i) return i.title || (i.kind === 'support' ? 'argument' : i.kind);
    return id;
  }
  function safeUrl(text) {
    try {
      var u = new URL(text);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  // ---- view: the SVG viewBox, in drawing coordinates --------------------
  var vb0 = svg.viewBox.baseVal;
  var full = { x: vb0.x, y: vb0.y, w: vb0.width, h: vb0.height };
  var view = { x: full.x, y: full.y, w: full.w, h: full.h };
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  function setView(v) {
    view = { x: v.x, y: v.y, w: Math.max(v.w, 20), h: Math.max(v.h, 20) };
    svg.setAttribute('viewBox', [view.x, view.y, view.w, view.h].join(' '));
    scheduleDetail();
  }

  // ---- level of detail on big maps, as on the canvas ----------------------
  // On a page whose stage has class "lod" (the exporter sets it for maps of
  // more than LOD_MIN_NODES nodes, src/render/html.rs), a node's text is
  // drawn only while body text is at least MIN_TEXT_PX on screen, and only
  // for nodes in or near the view (class "detail"; the style sheet hides
  // the text of every other node, from the first paint on). On a
  // 10,000-statement map this spares the browser the layout of some 60,000
  // text elements that would be under a pixel tall at fit.
  var lod = stage.classList.contains('lod');
  var MIN_TEXT_PX = 5; // the canvas's MIN_TEXT_PX (src/app/canvas.rs)
  var BODY_SIZE = 13; // crate::scene::BODY_SIZE, px
  var nodeBoxes = null; // [{ g, x, y, w, h }] from each node's rect or circle
  var detailed = [];
  var detailPending = false;
  function readBoxes() {
    nodeBoxes = [];
    svg.querySelectorAll('g[data-id]').forEach(function (g) {
      var r = g.querySelector(':scope > rect');
      var c = g.querySelector(':scope > circle');
      var n = function (e, a) { return parseFloat(e.getAttribute(a)) || 0; };
      if (r) nodeBoxes.push({ g: g, x: n(r, 'x'), y: n(r, 'y'), w: n(r, 'width'), h: n(r, 'height') });
      // A connector: its dot, with room for its title on the right.
      else if (c) nodeBoxes.push({ g: g, x: n(c, 'cx') - 20, y: n(c, 'cy') - 20, w: 300, h: 40 });
    });
  }
  function updateDetail() {
    detailPending = false;
    if (!nodeBoxes) readBoxes();
    var want = [];
    if (BODY_SIZE * screenScale() >= MIN_TEXT_PX) {
      // The viewBox, widened for the stage's other aspect and a margin.
      var m = Math.max(view.w, view.h) * 0.75;
      var x0 = view.x - m, x1 = view.x + view.w + m, y0 = view.y - m, y1 = view.y + view.h + m;
      nodeBoxes.forEach(function (b) {
        if (b.x < x1 && b.x + b.w > x0 && b.y < y1 && b.y + b.h > y0) want.push(b.g);
      });
    }
    detailed.forEach(function (g) { g.classList.remove('detail'); });
    want.forEach(function (g) { g.classList.add('detail'); });
    detailed = want;
  }
  function scheduleDetail() {
    if (!lod || detailPending) return;
    detailPending = true;
    requestAnimationFrame(updateDetail);
  }
  function fitRect(r, margin) {
    var m = margin || 0;
    setView({ x: r.x - m, y: r.y - m, w: r.w + 2 * m, h: r.h + 2 * m });
  }
  function fit() { fitRect(full, 0); }
  // The drawing point under a screen point.
  function toDrawing(clientX, clientY) {
    var p = svg.createSVGPoint();
    p.x = clientX;
    p.y = clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  // Scale the view by f (> 1 zooms out) around drawing point c.
  function zoom(f, c) {
    if (!c) c = { x: view.x + view.w / 2, y: view.y + view.h / 2 };
    var w = Math.min(Math.max(view.w * f, 40), full.w * 8);
    var k = w / view.w;
    setView({ x: c.x - (c.x - view.x) * k, y: c.y - (c.y - view.y) * k, w: w, h: view.h * k });
  }
  function pan(dx, dy) { setView({ x: view.x + dx, y: view.y + dy, w: view.w, h: view.h }); }
  // Pixels on screen per drawing unit.
  function screenScale() {
    var r = svg.getBoundingClientRect();
    return Math.min(r.width / view.w, r.height / view.h) || 1;
  }
  function bbox(id) {
    var gs = groupsById[id];
    if (!gs || !gs.length) return null;
    var b = gs[0].getBBox();
    return { x: b.x, y: b.y, w: b.width, h: b.height };
  }
  // Bring id into view: centre it, zooming in only if the map is tiny.
  function showNode(id) {
    var b = bbox(id);
    if (!b) return;
    var w = Math.max(view.w, b.w * 1.6), h = Math.max(view.h, b.h * 1.6);
    if (view.w > full.w * 0.9) { w = Math.max(b.w * 3, 900); h = w * view.h / view.w; }
    setView({ x: b.x + b.w / 2 - w / 2, y: b.y + b.h / 2 - h / 2, w: w, h: h });
  }

  var drag = null;
  stage.addEventListener('pointerdown', function (e) {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, moved: false, id: e.pointerId };
  });
  stage.addEventListener('pointermove', function (e) {
    if (!drag) return;
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!drag.moved) { stage.setPointerCapture(drag.id); stage.classList.add('dragging'); }
    drag.moved = true;
    var s = screenScale();
    pan(-dx / s, -dy / s);
    drag.x = e.clientX;
    drag.y = e.clientY;
  });
  function endDrag() {
    if (drag && drag.moved) stage.classList.remove('dragging');
    setTimeout(function () { drag = null; }, 0);
  }
  stage.addEventListener('pointerup', endDrag);
  stage.addEventListener('pointercancel', endDrag);
  stage.addEventListener('wheel', function (e) {
    e.preventDefault();
    var lines = e.deltaMode === 1 ? 16 : 1;
    var dx = e.deltaX * lines, dy = e.deltaY * lines;
    // A pinch (ctrl) or a mouse wheel zooms; a trackpad's two-finger scroll pans.
    if (e.ctrlKey || e.deltaMode === 1 || (dx === 0 && Math.abs(dy) >= 50)) {
      zoom(Math.exp(dy * 0.0025), toDrawing(e.clientX, e.clientY));
    } else {
      var s = screenScale();
      pan(dx / s, dy / s);
    }
  }, { passive: false });
  stage.addEventListener('keydown', function (e) {
    var g = e.target.closest && e.target.closest('g[data-id]');
    if (g && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      e.stopPropagation();
      select(g.getAttribute('data-id'), false);
    }
  });
  stage.addEventListener('click', function (e) {
    if (drag && drag.moved) return;
    var g = e.target.closest && e.target.closest('g[data-id]');
    if (g) select(g.getAttribute('data-id'), false);
  });

  // ---- selection and the side panel ------------------------------------
  var selected = null;
  function select(id, move) {
    if (selected) (groupsById[selected] || []).forEach(function (g) { g.classList.remove('selected'); });
    selected = id;
    (groupsById[id] || []).forEach(function (g) { g.classList.add('selected'); });
    if (folded.size && hiddenNow[id]) { unfoldAround(id); }
    renderPanel(id);
    syncOutline(id);
    if (move) showNode(id);
  }
  function nodeLink(id) {
    var b = el('button', 'link', label(id));
    b.type = 'button';
    b.setAttribute('data-go', id);
    b.addEventListener('click', function () { select(id, true); });
    return b;
  }
  function linkList(ids) {
    var ul = el('ul', 'links');
    ids.forEach(function (id) {
      var li = el('li');
      li.appendChild(nodeLink(id));
      ul.appendChild(li);
    });
    return ul;
  }
  function section(title, ids) {
    if (!ids.length) return;
    panel.appendChild(el('h3', null, title));
    panel.appendChild(linkList(ids));
  }
  function chips(list) {
    var d = el('div', 'chips');
    list.forEach(function (c) { d.appendChild(el('span', 'chip ' + (c[1] || ''), c[0])); });
    return d;
  }
  function evidenceItem(ev) {
    var d = el('div', 'evidence');
    var meta = [ev.basis, ev.speaker, ev.date, ev.citation].filter(Boolean).join(' · ');
    d.appendChild(el('div', 'meta', meta));
    if (ev.passage) {
      var p = ev.passage;
      var q = el('blockquote', 'passage');
      q.appendChild(document.createTextNode(p.text.slice(0, p.start)));
      q.appendChild(el('mark', null, p.text.slice(p.start, p.end)));
      q.appendChild(document.createTextNode(p.text.slice(p.end)));
      d.appendChild(q);
      var src = el('div', 'source', 'Source: ' + p.source);
      var su = safeUrl(p.url);
      if (su) { src.appendChild(document.createTextNode(' ')); src.appendChild(extLink(su, p.url)); }
      d.appendChild(src);
    } else if (ev.text) {
      d.appendChild(el('blockquote', null, ev.text));
    }
    if (ev.url) {
      var u = safeUrl(ev.url);
      d.appendChild(u ? extLink(u, ev.url) : el('div', 'meta', ev.url));
    }
    return d;
  }
  function extLink(href, text) {
    var a = el('a', null, text);
    a.href = href;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    return a;
  }
  function byKind(list, test) {
    var out = [];
    (list || []).forEach(function (i) { if (test(i)) i.premises.forEach(function (p) { out.push(p); }); });
    return out;
  }
  function renderPanel(id) {
    panel.textContent = '';
    var s = statements[id];
    var inf = inferences[id];
    if (s) {
      panel.appendChild(el('h2', null, s.title || s.text));
      var c = [[s.role, 'role']];
      if (s.label && overlayOn) c.push([s.label + ' (' + data.semantics + ')', s.label]);
      if (typeof s.strength === 'number' && overlayOn) c.push(['strength ' + s.strength.toFixed(2), '']);
      panel.appendChild(chips(c));
      if (s.title) panel.appendChild(el('p', 'text', s.text));
      if (s.tags.length) panel.appendChild(chips(s.tags.map(function (t) { return ['#' + t, '']; })));
      if (s.evidence.length) {
        panel.appendChild(el('h3', null, 'Evidence'));
        s.evidence.forEach(function (ev) { panel.appendChild(evidenceItem(ev)); });
      }
    } else if (inf) {
      panel.appendChild(el('h2', null, label(id)));
      var ci = [[inf.undercut ? 'undercut' : inf.kind, 'role']];
      if (inf.label && overlayOn) ci.push([inf.label + ' (' + data.semantics + ')', inf.label]);
      panel.appendChild(chips(ci));
      section('Premises', inf.premises);
      if (inf.target) section(inf.kind === 'support' ? 'Supports' : inf.kind === 'conflict' ? 'Attacks' : 'Rephrases', [inf.target]);
    } else {
      return;
    }
    var mine = into[id] || [];
    if (s) {
      section('Reasons', s.reasons);
      section('Objections', s.objections);
    } else {
      section('Reasons', byKind(mine, function (i) { return i.kind === 'support'; }));
      section('Objections', byKind(mine, function (i) { return i.kind === 'conflict'; }));
    }
    section('Rephrased by', byKind(mine, function (i) { return i.kind === 'rephrase'; }));
    var targets = (from[id] || []).map(function (i) { return i.target; }).filter(Boolean);
    section('Used for', targets);
    if (mine.length) {
      var fb = el('button', null, folded.has(id) ? 'Unfold branches below' : 'Fold branches below');
      fb.id = 'fold-toggle';
      fb.addEventListener('click', function () { toggleFold(id); renderPanel(id); });
      panel.appendChild(el('h3', null, 'Branches'));
      panel.appendChild(fb);
    }
  }

  // ---- folding ----------------------------------------------------------
  var folded = new Set();
  var hiddenNow = {};
  // Everything below id: inferences into it, their premises, and so on.
  function below(id, seen) {
    (into[id] || []).forEach(function (i) {
      if (seen[i.id]) return;
      seen[i.id] = true;
      below(i.id, seen);
      i.premises.forEach(function (p) {
        if (seen[p]) return;
        seen[p] = true;
        below(p, seen);
      });
    });
    return seen;
  }
  function applyFolds() {
    hiddenNow = {};
    folded.forEach(function (id) { if (!hiddenNow[id]) below(id, hiddenNow); });
    Object.keys(groupsById).forEach(function (id) {
      groupsById[id].forEach(function (g) { g.classList.toggle('folded', !!hiddenNow[id]); });
      if (evalById[id]) evalById[id].classList.toggle('folded', !!hiddenNow[id]);
    });
    edges.forEach(function (e) {
      var h = hiddenNow[e.getAttribute('data-from')] || hiddenNow[e.getAttribute('data-to')];
      e.classList.toggle('folded', !!h);
    });
    svg.querySelectorAll('.fold-badge').forEach(function (b) { b.remove(); });
    folded.forEach(function (id) {
      var b = bbox(id);
      if (!b || hiddenNow[id]) return;
      var n = Object.keys(below(id, {})).filter(function (k) { return statements[k]; }).length;
      var g = document.createElementNS(SVGNS, 'g');
      g.setAttribute('class', 'fold-badge');
      var c = document.createElementNS(SVGNS, 'circle');
      c.setAttribute('cx', b.x + b.w / 2);
      c.setAttribute('cy', b.y + b.h + 2);
      c.setAttribute('r', 11);
      var t = document.createElementNS(SVGNS, 'text');
      t.setAttribute('x', b.x + b.w / 2);
      t.setAttribute('y', b.y + b.h + 6);
      t.setAttribute('text-anchor', 'middle');
      t.textContent = '+' + n;
      g.appendChild(c);
      g.appendChild(t);
      groupsById[id][0].appendChild(g);
    });
    outlineRoot.querySelectorAll('li[data-id]').forEach(function (li) {
      li.classList.toggle('collapsed', folded.has(li.getAttribute('data-id')));
      var tw = li.querySelector(':scope > .row > .twisty');
      if (tw && !tw.classList.contains('leaf')) {
        var open = !folded.has(li.getAttribute('data-id'));
        tw.textContent = open ? '▾' : '▸';
        tw.setAttribute('aria-expanded', String(open));
      }
    });
  }
  function toggleFold(id) {
    if (folded.has(id)) folded.delete(id); else folded.add(id);
    applyFolds();
  }
  // Unfold whatever hides id.
  function unfoldAround(id) {
    folded.forEach(function (f) { if (below(f, {})[id]) folded.delete(f); });
    applyFolds();
  }

  // ---- outline ----------------------------------------------------------
  var REL = { '+': ['+', 'plus'], '-': ['−', 'minus'], 'x': ['×', 'x'], '=': ['=', 'eq'] };
  function buildOutline() {
    var stack = [{ depth: -1, ul: outlineRoot }];
    data.outline.forEach(function (row, k) {
      while (stack.length > 1 && stack[stack.length - 1].depth >= row.depth) stack.pop();
      var li = el('li');
      li.setAttribute('data-id', row.id);
      var line = el('div', 'row');
      var next = data.outline[k + 1];
      var hasKids = next && next.depth > row.depth;
      var tw = el('button', 'twisty' + (hasKids ? '' : ' leaf'), hasKids ? '▾' : '');
      tw.type = 'button';
      if (hasKids) {
        tw.setAttribute('aria-label', 'Fold or unfold');
        tw.setAttribute('aria-expanded', 'true');
        tw.addEventListener('click', function () { toggleFold(row.id); });
      }
      line.appendChild(tw);
      var r = REL[row.relation];
      line.appendChild(el('span', 'rel ' + (r ? r[1] : ''), r ? r[0] : ''));
      var a = el('button', 'link', row.text);
      a.type = 'button';
      a.title = row.text;
      a.addEventListener('click', function () { select(row.id, true); });
      line.appendChild(a);
      li.appendChild(line);
      stack[stack.length - 1].ul.appendChild(li);
      if (hasKids) {
        var ul = el('ul');
        li.appendChild(ul);
        stack.push({ depth: row.depth, ul: ul });
      }
    });
  }
  function syncOutline(id) {
    var first = null;
    outlineRoot.querySelectorAll('li.selected').forEach(function (li) { li.classList.remove('selected'); });
    outlineRoot.querySelectorAll('li[data-id]').forEach(function (li) {
      if (li.getAttribute('data-id') !== id) return;
      li.classList.add('selected');
      if (!first) first = li;
      for (var p = li.parentElement.closest('li.collapsed'); p; p = p.parentElement.closest('li.collapsed')) {
        p.classList.remove('collapsed');
      }
    });
    if (first) first.scrollIntoView({ block: 'nearest' });
  }

  // ---- search -----------------------------------------------------------
  var search = document.getElementById('search');
  var hitsList = document.getElementById('hits');
  var count = document.getElementById('search-count');
  var hits = [];
  // The list names this many hits at most; the drawing marks them all.
  var MAX_LISTED_HITS = 200;
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    hits = [];
    Object.keys(groupsById).forEach(function (id) {
      groupsById[id].forEach(function (g) { g.classList.remove('hit'); });
    });
    hitsList.textContent = '';
    if (!q) { hitsList.hidden = true; count.textContent = ''; return; }
    data.statements.forEach(function (s) {
      var hay = (s.title + '\n' + s.text + '\n' + s.tags.join(' ')).toLowerCase();
      if (hay.indexOf(q) >= 0) hits.push(s.id);
    });
    hits.forEach(function (id, k) {
      (groupsById[id] || []).forEach(function (g) { g.classList.add('hit'); });
      if (k >= MAX_LISTED_HITS) return;
      var li = el('li');
      li.appendChild(nodeLink(id));
      hitsList.appendChild(li);
    });
    if (hits.length > MAX_LISTED_HITS) {
      hitsList.appendChild(el('li', 'more', 'and ' + (hits.length - MAX_LISTED_HITS) + ' more (Enter walks through all)'));
    }
    hitsList.hidden = hits.length === 0;
    count.textContent = hits.length + (hits.length === 1 ? ' hit' : ' hits');
  }
  search.addEventListener('input', runSearch);
  search.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && hits.length) {
      var k = (hits.indexOf(selected) + 1) % hits.length;
      select(hits[k], true);
    }
    e.stopPropagation();
  });

  // ---- tours ------------------------------------------------------------
  var tourBox = document.getElementById('tour');
  var pick = document.getElementById('tour-pick');
  var prev = document.getElementById('tour-prev');
  var next = document.getElementById('tour-next');
  var startB = document.getElementById('tour-start');
  var endB = document.getElementById('tour-end');
  var pos = document.getElementById('tour-pos');
  var note = document.getElementById('tour-note');
  var tour = null;
  var step = 0;
  data.tours.forEach(function (t, k) {
    var o = el('option', null, t.name);
    o.value = String(k);
    pick.appendChild(o);
  });
  tourBox.hidden = data.tours.length === 0;
  function showStep() {
    var st = tour.steps[step];
    var vis = {}, hl = {};
    st.visible.forEach(function (id) { vis[id] = true; });
    st.highlight.forEach(function (id) { hl[id] = true; });
    Object.keys(groupsById).forEach(function (id) {
      groupsById[id].forEach(function (g) {
        g.classList.toggle('ghost', !vis[id]);
        g.classList.toggle('highlight', !!hl[id]);
      });
      if (evalById[id]) evalById[id].classList.toggle('ghost', !vis[id]);
    });
    edges.forEach(function (e) {
      e.classList.toggle('ghost', !(vis[e.getAttribute('data-from')] && vis[e.getAttribute('data-to')]));
    });
    fitRect(st.camera, 0);
    setOverlay(st.overlay === 'evaluation_labels');
    pos.textContent = 'Step ' + (step + 1) + ' of ' + tour.steps.length;
    pos.setAttribute('data-step', String(step));
    note.textContent = st.note;
    note.hidden = !st.note;
    prev.disabled = step === 0;
    next.disabled = step >= tour.steps.length - 1;
  }
  function startTour() {
    tour = data.tours[Number(pick.value) || 0];
    if (!tour || !tour.steps.length) { tour = null; return; }
    folded.clear();
    applyFolds();
    step = 0;
    endB.disabled = false;
    showStep();
    stage.focus();
  }
  function endTour() {
    tour = null;
    svg.querySelectorAll('.ghost, .highlight').forEach(function (g) {
      g.classList.remove('ghost');
      g.classList.remove('highlight');
    });
    note.hidden = true;
    pos.textContent = '';
    pos.removeAttribute('data-step');
    prev.disabled = next.disabled = endB.disabled = true;
    setOverlay(data.eval_shown);
    fit();
  }
  function go(d) {
    if (!tour) return;
    var k = Math.min(Math.max(step + d, 0), tour.steps.length - 1);
    if (k !== step) { step = k; showStep(); }
  }
  startB.addEventListener('click', startTour);
  endB.addEventListener('click', endTour);
  prev.addEventListener('click', function () { go(-1); });
  next.addEventListener('click', function () { go(1); });

  // ---- keyboard ---------------------------------------------------------
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var step40 = 40 / screenScale();
    var done = true;
    switch (e.key) {
      case '+': case '=': zoom(1 / 1.25); break;
      case '-': case '_': zoom(1.25); break;
      case '0': fit(); break;
      case 'ArrowRight': if (tour && !e.shiftKey) go(1); else pan(step40, 0); break;
      case 'ArrowLeft': if (tour && !e.shiftKey) go(-1); else pan(-step40, 0); break;
      case 'ArrowUp': pan(0, -step40); break;
      case 'ArrowDown': pan(0, step40); break;
      case 'Escape': if (tour) endTour(); else done = false; break;
      case '/': search.focus(); break;
      default: done = false;
    }
    if (done) e.preventDefault();
  });
  document.getElementById('zoom-in').addEventListener('click', function () { zoom(1 / 1.25); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoom(1.25); });
  document.getElementById('fit').addEventListener('click', fit);

  Object.keys(groupsById).forEach(function (id) {
    groupsById[id].forEach(function (g) { g.setAttribute('aria-label', label(id)); });
  });
  document.getElementById('map-title').textContent = data.title || 'Argument map';
  setOverlay(data.eval_shown);
  fit();
  stage.focus({ preventScroll: true });
  // The outline once the drawing's first frame is on screen: a 10,000-
  // statement map's outline is 20,000 rows, whose layout would otherwise
  // hold back the first picture of the map by about a third.
  // rAF does not run in a background tab, hence the timer as well.
  var outlineBuilt = false;
  function afterFirstFrame() {
    if (outlineBuilt) return;
    outlineBuilt = true;
    mark('argmap-drawn');
    buildOutline();
    if (folded.size) applyFolds();
    if (selected) syncOutline(selected);
    document.documentElement.setAttribute('data-ready', 'true');
    mark('argmap-ready');
  }
  requestAnimationFrame(function () { setTimeout(afterFirstFrame, 0); });
  setTimeout(afterFirstFrame, 250);
})();
