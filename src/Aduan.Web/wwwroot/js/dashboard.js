// The leaders' dashboard: draws the trend from the numbers the page carries (also shown as a table).
(function () {
  const data = document.getElementById('trend-data');
  const canvas = document.getElementById('trend-chart');
  if (!data || !canvas || typeof Chart === 'undefined') return;
  const trend = JSON.parse(data.textContent);
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: trend.labels,
      datasets: [
        { label: trend.receivedLabel, data: trend.received, backgroundColor: '#0b5cad' },
        { label: trend.resolvedLabel, data: trend.resolved, backgroundColor: '#1b7a3d' },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
})();
