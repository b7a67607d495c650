// The backprop4j dashboard: polls /api/state and draws it with uPlot. window.dashboard holds the charts and the
// latest state (the browser test reads them).
"use strict";
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
const dashboard = { charts: {}, state: null, polls: 0 };
const made = {}; // key -> the series labels its chart was made with
window.dashboard = dashboard;

const $ = (id) => document.getElementById(id);
const fmt = (v, digits) => (v === null || v === undefined ? "–" : v.toFixed(digits));

function seconds(s) {
  if (s === null || s === undefined) return "–";
  s = Math.round(s);
  return s >= 3600 ? Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " min"
    : s >= 60 ? Math.floor(s / 60) + " min " + (s % 60) + " s" : s + " s";
}

// One chart per key; made again when its series change. labels: the y series; log: a log y axis.
function chart(key, target, title, xLabel, labels, data, opts = {}) {
  const sig = labels.join("|");
  let plot = dashboard.charts[key];
  if (!plot || made[key] !== sig) {
    if (plot) plot.destroy();
    const series = [{ label: xLabel }].concat(labels.map((l, i) => ({
      label: l, stroke: opts.colors ? opts.colors[i] : COLORS[i % COLORS.length], width: 1.5,
      dash: l.startsWith("1e-3") ? [6, 4] : undefined, points: { show: opts.points || false } })));
    plot = new uPlot({
      title, width: opts.width || 420, height: opts.height || 240, series, legend: { show: !opts.small },
      scales: { x: { time: false }, y: opts.log ? { distr: 3 } : {} },
      axes: opts.small ? [{ show: false }, { show: false }] : [{ label: xLabel }, {}],
    }, data, target);
    dashboard.charts[key] = plot;
    made[key] = sig;
  } else {
    plot.setData(data);
  }
  return plot;
}

function showTrain(run) {
  $("train").hidden = false;
  $("run-summary").hidden = false;
  $("status").textContent = run.status;
  $("status").className = "status-" + run.status;
  $("iteration").textContent = run.iteration;
  $("num-iterations").textContent = run.num_iterations;
  $("epoch").textContent = run.epoch;
  $("num-epochs").textContent = run.num_epochs;
  $("eta").textContent = run.status === "running" ? seconds(run.eta_seconds) : "–";
  $("message").textContent = run.message || "";
  const last = run.checks[run.checks.length - 1];
  $("latest-train-acc").textContent = last ? fmt(last.train_acc, 4) : "–";
  $("latest-val-acc").textContent = last ? fmt(last.val_acc, 4) : "–";

  const its = run.loss.map((_, k) => run.first_iteration + k);
  chart("loss", $("loss"), "loss per iteration", "iteration", ["loss"], [its, run.loss]);
  const ipe = run.iterations_per_epoch || 1;
  chart("accuracy", $("accuracy"), "accuracy per epoch", "epoch", ["train", "val"],
    [run.checks.map((c) => c.iteration / ipe), run.checks.map((c) => c.train_acc), run.checks.map((c) => c.val_acc)],
    { points: true });

  const diag = run.diagnostics;
  if (diag.length > 0) {
    const x = diag.map((d) => d.iteration);
    const names = Object.keys(diag[0].update_ratio);
    chart("ratios", $("ratios"), "update / weight ratio ‖ΔW‖/‖W‖", "iteration", names.concat(["1e-3 guide"]),
      [x].concat(names.map((n) => diag.map((d) => d.update_ratio[n])), [x.map(() => 1e-3)]), { log: true });
    const layers = diag[0].layers;
    if (layers.length > 0) {
      const stat = (l, f) => diag.map((d) => (d.layers[l] ? d.layers[l][f] : null));
      chart("activations", $("activations"), "hidden activations", "iteration",
        layers.flatMap((l) => ["layer " + l.layer + " mean", "layer " + l.layer + " std"]),
        [x].concat(layers.flatMap((l, i) => [stat(i, "mean"), stat(i, "std")])));
      chart("inactive", $("inactive"), layers[0].activation === "sigmoid" ? "saturated sigmoids" : "dead ReLUs",
        "iteration", layers.map((l) => "layer " + l.layer), [x].concat(layers.map((l, i) => stat(i, "inactive"))));
    }
  }
  if (run.weights_version !== null && $("weights").dataset.version !== String(run.weights_version)) {
    $("weights").dataset.version = run.weights_version;
    $("weights").src = "/api/weights/0.png?v=" + run.weights_version;
  }
  const rows = Object.entries(run.options).map(([k, v]) => "<tr><th>" + esc(k) + "</th><td>" + esc(v) + "</td></tr>");
  $("options").innerHTML = rows.join("");
}

function showTune(runs) {
  $("tune").hidden = false;
  const counts = {};
  runs.forEach((r) => (counts[r.status] = (counts[r.status] || 0) + 1));
  $("status").textContent = Object.entries(counts).map(([s, n]) => n + " " + s).join(", ");
  const body = document.querySelector("#trials tbody");
  runs.forEach((run, i) => {
    let row = $("trial-" + i);
    if (!row) {
      row = document.createElement("tr");
      row.id = "trial-" + i;
      row.innerHTML = "<td>" + esc(run.name) + "</td><td>" + run.options.lr.toExponential(3) + "</td><td>"
        + run.options.reg.toExponential(3) + "</td><td>" + run.options.hidden
        + "</td><td class='status'></td><td class='val'></td><td class='curve'></td>";
      body.appendChild(row);
    }
    const status = row.querySelector(".status");
    status.textContent = run.status + (run.message ? ": " + run.message : "") + (run.status === "running"
      ? " (iteration " + run.iteration + " / " + run.num_iterations + ", ETA " + seconds(run.eta_seconds) + ")" : "");
    status.className = "status status-" + run.status;
    const last = run.checks[run.checks.length - 1];
    row.querySelector(".val").textContent = last ? fmt(Math.max(...run.checks.map((c) => c.val_acc ?? 0)), 4) : "–";
    const its = run.loss.map((_, k) => run.first_iteration + k);
    chart("trial-" + i, row.querySelector(".curve"), "", "iteration", ["loss"], [its, run.loss],
      { small: true, width: 240, height: 60 });
  });
}

function esc(v) {
  return String(v).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

async function poll() {
  try {
    const response = await fetch("/api/state", { cache: "no-store" });
    const state = await response.json();
    dashboard.state = state;
    dashboard.polls++;
    $("title").textContent = "backprop4j " + state.kind + ": " + state.title;
    $("connection").textContent = "";
    if (state.kind === "tune") showTune(state.runs); else showTrain(state.runs[0]);
  } catch (e) {
    $("connection").textContent = "(not connected: the run has ended or the server stopped)";
  }
  setTimeout(poll, 500);
}
poll();
