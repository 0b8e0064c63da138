// Snake Garden: steer the snake (arrow keys or WASD, or swipe/click a side) to eat the fruit without
// biting itself; the garden wraps at its edges. Before the first input it forages by itself.
(() => {
  const canvas = document.getElementById('game');
  const ctx = canvas.getContext('2d');
  const W = canvas.width, H = canvas.height, CELL = 20, GW = W / CELL, GH = H / CELL;
  const DIRS = { ArrowUp: [0, -1], w: [0, -1], ArrowDown: [0, 1], s: [0, 1], ArrowLeft: [-1, 0], a: [-1, 0], ArrowRight: [1, 0], d: [1, 0] };
  let snake, dir, next, fruit, score, best = 0, over, attract = true, acc = 0, last = performance.now();

  const wrap = (v, n) => (v + n) % n;
  const occupied = (x, y) => snake.some((p) => p[0] === x && p[1] === y);
  function placeFruit() {
    do fruit = [Math.floor(Math.random() * GW), Math.floor(Math.random() * GH)];
    while (occupied(fruit[0], fruit[1]));
  }
  function reset() {
    snake = [[8, 9], [7, 9], [6, 9]];
    dir = [1, 0];
    next = dir;
    score = 0;
    over = false;
    placeFruit();
  }
  function turn(d) {
    if (d[0] !== -dir[0] || d[1] !== -dir[1]) next = d;
  }
  function human() {
    if (attract) { attract = false; reset(); }
    else if (over) reset();
  }
  addEventListener('keydown', (e) => {
    const d = DIRS[e.key];
    if (!d && e.key !== ' ' && e.key !== 'Enter') return;
    e.preventDefault();
    human();
    if (d) turn(d);
  });
  canvas.addEventListener('pointerdown', (e) => {
    human();
    const r = canvas.getBoundingClientRect();
    const x = ((e.clientX - r.left) / r.width) * GW - snake[0][0];
    const y = ((e.clientY - r.top) / r.height) * GH - snake[0][1];
    turn(Math.abs(x) > Math.abs(y) ? [Math.sign(x), 0] : [0, Math.sign(y)]);
  });

  /** Attract mode: head for the fruit by the shorter way, avoiding its own body. */
  function autopilot() {
    const [hx, hy] = snake[0];
    const options = [[1, 0], [-1, 0], [0, 1], [0, -1]].filter((d) => (d[0] !== -dir[0] || d[1] !== -dir[1]) && !occupied(wrap(hx + d[0], GW), wrap(hy + d[1], GH)));
    const dist = (d) => {
      const x = wrap(hx + d[0], GW), y = wrap(hy + d[1], GH);
      const dx = Math.min(Math.abs(x - fruit[0]), GW - Math.abs(x - fruit[0]));
      const dy = Math.min(Math.abs(y - fruit[1]), GH - Math.abs(y - fruit[1]));
      return dx + dy;
    };
    options.sort((a, b) => dist(a) - dist(b));
    if (options[0]) next = options[0];
  }

  function tick() {
    if (over) return;
    if (attract) autopilot();
    dir = next;
    const head = [wrap(snake[0][0] + dir[0], GW), wrap(snake[0][1] + dir[1], GH)];
    if (occupied(head[0], head[1])) {
      over = true;
      best = Math.max(best, score);
      if (attract) setTimeout(reset, 1200);
      return;
    }
    snake.unshift(head);
    if (head[0] === fruit[0] && head[1] === fruit[1]) { score += 1; placeFruit(); }
    else snake.pop();
  }

  function draw() {
    for (let y = 0; y < GH; y++) for (let x = 0; x < GW; x++) {
      ctx.fillStyle = (x + y) % 2 ? '#183d2a' : '#1c4631';
      ctx.fillRect(x * CELL, y * CELL, CELL, CELL);
    }
    ctx.fillStyle = '#ff5c8a';
    ctx.beginPath();
    ctx.arc(fruit[0] * CELL + CELL / 2, fruit[1] * CELL + CELL / 2, CELL / 2 - 2, 0, Math.PI * 2);
    ctx.fill();
    snake.forEach((p, i) => {
      ctx.fillStyle = over ? '#a9a9a9' : i === 0 ? '#d8f5a2' : `hsl(${90 + i * 3}, 70%, ${60 - Math.min(25, i)}%)`;
      ctx.fillRect(p[0] * CELL + 1, p[1] * CELL + 1, CELL - 2, CELL - 2);
    });
    ctx.fillStyle = '#f1f3f5';
    ctx.font = 'bold 18px sans-serif';
    ctx.fillText(`fruit ${score}`, 14, 26);
    ctx.textAlign = 'right';
    ctx.fillText(`best ${best}`, W - 14, 26);
    ctx.textAlign = 'center';
    if (attract) ctx.fillText('SNAKE GARDEN · press an arrow key to play', W / 2, H - 20);
    else if (over) ctx.fillText('Bitten! Press an arrow key to play again', W / 2, H / 2);
    ctx.textAlign = 'left';
  }

  function frame(now) {
    acc += Math.min(0.25, (now - last) / 1000);
    last = now;
    const period = Math.max(0.06, 0.13 - score * 0.003);
    while (acc >= period) { acc -= period; tick(); }
    draw();
    requestAnimationFrame(frame);
  }
  reset();
  requestAnimationFrame(frame);
})();
