// The console's only script of its own: htmx sends the CSRF token with its requests, and the preview draws
// its wave timeline with ECharts. Everything else is server-rendered.
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) { event.detail.headers[header.content] = token.content; }
});
window.addEventListener('load', function () {
  var data = document.getElementById('timeline-data');
  var box = document.getElementById('timeline');
  if (!data || !box || !window.echarts) { return; }
  var bars = JSON.parse(data.textContent || '[]');
  if (bars.length === 0) { box.textContent = 'No wave is planned.'; return; }
  var t0 = Math.min.apply(null, bars.map(function (b) { return b.start; }));
  var t1 = Math.max.apply(null, bars.map(function (b) { return b.end; }));
  // minutes, hours or (for a compressed local run) seconds from the first start
  var unit = t1 - t0 > 2 * 86400000 ? 3600000 : t1 - t0 > 600000 ? 60000 : 1000;
  var unitName = unit === 3600000 ? 'hours' : unit === 60000 ? 'minutes' : 'seconds';
  var chart = echarts.init(box);
  chart.setOption({
    animation: false,
    grid: { left: 190, right: 30, top: 20, bottom: 40 },
    tooltip: { formatter: function (p) { var b = bars[p.dataIndex];
      return b.label + '<br>' + new Date(b.start).toISOString() + ' → ' + new Date(b.end).toISOString(); } },
    xAxis: { type: 'value', min: 0, name: unitName + ' from the first start', nameLocation: 'middle', nameGap: 26,
      axisLabel: { formatter: function (v) { return Math.round(v); } } },
    yAxis: { type: 'category', inverse: true, data: bars.map(function (b) { return b.label; }) },
    series: [
      { type: 'bar', stack: 't', itemStyle: { color: 'transparent' }, tooltip: { show: false },
        data: bars.map(function (b) { return (b.start - t0) / unit; }) },
      { type: 'bar', stack: 't', itemStyle: { color: '#1f5fd1' }, barMaxWidth: 22,
        data: bars.map(function (b) { return Math.max((b.end - b.start) / unit, 0.05); }) }
    ]
  });
  window.addEventListener('resize', function () { chart.resize(); });
});
