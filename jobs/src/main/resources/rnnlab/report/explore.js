// Draws the report page's interactive charts from window.RNNLAB_DATA (report-data.js) with ECharts.
// It only draws: every number comes from the report (rnnlab.report.Explore).
(function () {
  'use strict';
  const d = window.RNNLAB_DATA;
  if (!d || !window.echarts) {
    return;
  }
  const num = v => (v === null || v === undefined) ? NaN : Number(v);
  const runs = d.runs.map((r, i) => Object.assign({}, r, {index: i, metric: num(r.metric)}));
  const shown = new Set(runs.map(r => r.index));
  const charts = [];
  const make = (el) => {
    const c = echarts.init(el, null, {renderer: 'canvas'});
    charts.push(c);
    return c;
  };
  window.addEventListener('resize', () => charts.forEach(c => c.resize()));

  // Loss curves: log scale, zoom by wheel or drag, hover names the run.
  const curves = make(document.getElementById('explore-curves'));
  curves.setOption({
    title: {text: 'Training loss of every run', left: 'center'},
    tooltip: {trigger: 'item', formatter: p => p.seriesName + '<br>epoch ' + p.value[0] + ': loss '
        + Number(p.value[1]).toPrecision(4)},
    grid: {left: 70, right: 30, bottom: 70},
    xAxis: {type: 'value', name: 'epoch', minInterval: 1},
    yAxis: {type: 'log', name: 'loss (log)'},
    dataZoom: [{type: 'inside', xAxisIndex: 0}, {type: 'inside', yAxisIndex: 0}, {type: 'slider', xAxisIndex: 0}],
    animation: false,
    series: runs.map(r => ({
      name: r.id, type: 'line', showSymbol: false, triggerLineEvent: true, emphasis: {focus: 'series'},
      lineStyle: {width: 1.2, opacity: r.state === 'ok' ? 0.8 : 0.3},
      data: r.epochs.map((e, k) => [e, num(r.loss[k])]).filter(p => p[1] > 0 && isFinite(p[1]))
    }))
  });

  // Parallel coordinates of the varied keys and the metric, coloured by the metric; brushing filters.
  const metricValues = runs.map(r => r.metric).filter(isFinite);
  const parallel = make(document.getElementById('explore-parallel'));
  const axes = d.keys.map((k, i) => d.choices[i].length
    ? {dim: i, name: k, type: 'category', data: d.choices[i].map(String)}
    : {dim: i, name: k, type: d.log[i] ? 'log' : 'value', scale: true});
  axes.push({dim: d.keys.length, name: d.metric, type: 'value', scale: true});
  parallel.setOption({
    title: {text: 'Every run across the varied keys (drag along an axis to select)', left: 'center'},
    parallel: {left: 60, right: 110, top: 70, bottom: 40},
    parallelAxis: axes,
    visualMap: metricValues.length ? {type: 'continuous', dimension: d.keys.length, right: 0, top: 70,
      min: Math.min(...metricValues), max: Math.max(...metricValues), calculable: true,
      inRange: {color: ['#d7301f', '#fdd49e', '#1a9850']}, text: [d.metric, '']} : undefined,
    animation: false,
    series: [{type: 'parallel', lineStyle: {width: 1.2, opacity: 0.7},
      data: runs.map(r => r.values.map((v, i) => d.choices[i].length ? String(v) : v).concat([r.metric]))}]
  });
  parallel.on('axisareaselected', () => {
    const active = parallel.getModel().getSeries()[0].getRawIndicesByActiveState('active');
    shown.clear();
    active.forEach(i => shown.add(i));
    render();
  });

  // Importance bars.
  const importance = make(document.getElementById('explore-importance'));
  importance.setOption({
    title: {text: 'Importance (fANOVA) for ' + d.metric, left: 'center'},
    tooltip: {}, grid: {left: 110, right: 30},
    xAxis: {type: 'value', name: 'share', max: 1}, yAxis: {type: 'category', inverse: true,
      data: d.importance.map(i => i.key)},
    animation: false,
    series: [{type: 'bar', data: d.importance.map(i => Number(i.importance.toFixed(4)))}]
  });

  // One slice per key: the metric against that key alone.
  const slices = document.getElementById('explore-slices');
  d.keys.forEach((k, i) => {
    const el = document.createElement('div');
    el.className = 'slice';
    slices.appendChild(el);
    make(el).setOption({
      title: {text: d.metric + ' by ' + k, left: 'center', textStyle: {fontSize: 13}},
      tooltip: {formatter: p => runs[p.data[2]].id + '<br>' + k + ' = ' + p.data[0] + ', ' + d.metric + ' = '
          + Number(p.data[1]).toPrecision(4)},
      grid: {left: 55, right: 20, bottom: 40},
      xAxis: d.choices[i].length ? {type: 'category', data: d.choices[i].map(String), name: k}
        : {type: d.log[i] ? 'log' : 'value', scale: true, name: k},
      yAxis: {type: 'value', scale: true},
      animation: false,
      series: [{type: 'scatter', symbolSize: 7,
        data: runs.filter(r => isFinite(r.metric))
          .map(r => [d.choices[i].length ? String(r.values[i]) : r.values[i], r.metric, r.index])}]
    });
  });

  // The runs table: sort on a header click, filter on text, a run id shows its curve and rerun command.
  const table = document.getElementById('explore-runs');
  const columns = ['run id', 'sweep', 'state'].concat(d.keys, [d.metric]);
  const cell = (r, c) => c === 0 ? r.id : c === 1 ? r.sweep : c === 2 ? r.state
    : c < 3 + d.keys.length ? r.values[c - 3] : r.metric;
  let sortColumn = -1;
  let ascending = true;
  table.tHead.innerHTML = '<tr>' + columns.map(c => '<th>' + escape(c) + '</th>').join('') + '</tr>';
  [...table.tHead.rows[0].cells].forEach((th, c) => th.addEventListener('click', () => {
    ascending = sortColumn === c ? !ascending : true;
    sortColumn = c;
    render();
  }));
  const filter = document.getElementById('explore-filter');
  filter.addEventListener('input', render);
  document.getElementById('explore-clear').addEventListener('click', () => {
    runs.forEach(r => shown.add(r.index));
    filter.value = '';
    render();
  });

  function compare(a, b) {
    const x = cell(a, sortColumn);
    const y = cell(b, sortColumn);
    const nx = Number(x);
    const ny = Number(y);
    const c = (typeof x === 'number' || !isNaN(nx)) && (typeof y === 'number' || !isNaN(ny))
      ? (isNaN(nx) ? -Infinity : nx) - (isNaN(ny) ? -Infinity : ny) : String(x).localeCompare(String(y));
    return ascending ? c : -c;
  }

  function render() {
    const text = filter.value.trim().toLowerCase();
    let rows = runs.filter(r => shown.has(r.index)
      && (!text || columns.some((_, c) => String(cell(r, c)).toLowerCase().includes(text))));
    if (sortColumn >= 0) {
      rows = rows.slice().sort(compare);
    }
    [...table.tHead.rows[0].cells].forEach((th, c) => th.className = c === sortColumn ? 'sorted' : '');
    table.tBodies[0].innerHTML = rows.map(r => '<tr id="run-' + r.id + '">' + columns.map((_, c) =>
      '<td>' + (c === 0 ? '<a href="#run-' + r.id + '" data-run="' + r.index + '">' + escape(r.id) + '</a>'
        : escape(format(cell(r, c)))) + '</td>').join('') + '</tr>').join('');
    document.getElementById('explore-count').textContent = rows.length + ' of ' + runs.length + ' runs';
  }

  table.tBodies[0].addEventListener('click', e => {
    const a = e.target.closest('a[data-run]');
    if (!a) {
      return;
    }
    const r = runs[Number(a.dataset.run)];
    curves.dispatchAction({type: 'downplay'});
    curves.dispatchAction({type: 'highlight', seriesName: r.id});
    curves.dispatchAction({type: 'showTip', seriesIndex: r.index, dataIndex: 0});
    document.getElementById('explore-rerun').textContent = r.id + ' (' + r.state + '): ' + r.rerun;
    document.getElementById('explore-curves').scrollIntoView();
  });

  function format(v) {
    return typeof v === 'number' ? (isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v)) : String(v);
  }

  function escape(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  render();
})();
