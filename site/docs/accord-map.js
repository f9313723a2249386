/* Accord's alignment map: choose a box to trace it.
 *
 * Every box is a link to its objective's page, and stays one without this script. With it,
 * the first click (or Enter) on a box chooses it instead: the map shows only what the chosen
 * box serves, all the way up, and what supports it, all the way down; every other line is
 * hidden and every other box faded, so a line can be followed at any size. A second click
 * on the chosen box opens its page; Escape, or "Show the whole map", shows everything again.
 * The choice is kept in the address (#trace-N), so it can be shared and the Back button
 * undoes it. The boxes carry data-box="N"; each line carries data-c (the box it leaves) and
 * data-p (the box it enters). No text of the OKRs is read from the page into markup.
 */
(function () {
  "use strict";

  function graph(map) {
    const up = new Map(), down = new Map();
    for (const line of map.querySelectorAll("path.supports")) {
      const c = line.dataset.c, p = line.dataset.p;
      if (!up.has(c)) up.set(c, []);
      if (!down.has(p)) down.set(p, []);
      up.get(c).push([p, line]);
      down.get(p).push([c, line]);
    }
    return { up, down };
  }

  function reach(start, edges, boxes, lines) {
    const todo = [start];
    while (todo.length) {
      const here = todo.pop();
      for (const [next, line] of edges.get(here) || []) {
        lines.add(line);
        if (!boxes.has(next)) {
          boxes.add(next);
          todo.push(next);
        }
      }
    }
  }

  function show(figure, map, links, chosen) {
    const status = figure.previousElementSibling;
    map.classList.toggle("accord-tracing", chosen !== null);
    for (const line of map.querySelectorAll("path.supports")) line.classList.remove("accord-on");
    for (const box of links) box.classList.remove("accord-on", "accord-chosen");
    if (chosen === null) {
      status.hidden = true;
      return;
    }
    const { up, down } = graph(map);
    const boxes = new Set([chosen]), lines = new Set();
    reach(chosen, up, boxes, lines);
    reach(chosen, down, boxes, lines);
    for (const line of lines) line.classList.add("accord-on");
    const entered = new Set(Array.from(lines, (line) => line.dataset.p));
    for (const arrow of map.querySelectorAll("path.arrow")) {
      arrow.classList.toggle("accord-on", entered.has(arrow.dataset.p));
    }
    for (const box of links) {
      if (boxes.has(box.dataset.box)) box.classList.add("accord-on");
      if (box.dataset.box === chosen) box.classList.add("accord-chosen");
    }
    const box = links.find((b) => b.dataset.box === chosen);
    const name = box ? box.querySelector("title").textContent : "";
    status.querySelector(".accord-trace-name").textContent = name;
    status.querySelector(".accord-trace-open").href = box ? box.getAttribute("href") : "#";
    status.hidden = false;
  }

  function chosenFromHash(links) {
    const match = /^#trace-(\d+)$/.exec(window.location.hash);
    return match && links.some((b) => b.dataset.box === match[1]) ? match[1] : null;
  }

  function setUp(map) {
    const figure = map.closest(".accord-figure");
    if (!figure) return;
    const links = Array.from(map.querySelectorAll("a.objective[data-box]"));
    const status = document.createElement("p");
    status.className = "accord-trace";
    status.hidden = true;
    status.setAttribute("role", "status");
    status.append("Tracing ");
    const name = document.createElement("strong");
    name.className = "accord-trace-name";
    status.append(name, ": what it serves and what supports it. ");
    const open = document.createElement("a");
    open.className = "accord-trace-open";
    open.textContent = "Open it";
    const all = document.createElement("a");
    all.href = "#";
    all.textContent = "Show the whole map";
    all.addEventListener("click", (event) => {
      event.preventDefault();
      history.pushState(null, "", window.location.pathname + window.location.search);
      show(figure, map, links, null);
    });
    status.append(open, " · ", all);
    figure.before(status);
    for (const box of links) {
      box.addEventListener("click", (event) => {
        if (box.classList.contains("accord-chosen")) return; // the second click opens it
        event.preventDefault();
        history.pushState(null, "", "#trace-" + box.dataset.box);
        show(figure, map, links, box.dataset.box);
      });
    }
    const sync = () => show(figure, map, links, chosenFromHash(links));
    window.addEventListener("popstate", sync);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && map.classList.contains("accord-tracing")) all.click();
    });
    sync();
  }

  function start() {
    for (const map of document.querySelectorAll("svg.accord-map")) setUp(map);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
