// Comet Dodge: steer the ship (arrow keys, A/D or the mouse) and stay clear of the comets.
// Until the first input the ship steers itself (attract mode), so the cabinet is never still.
(() => {
  const canvas = document.getElementById('game');
  const ctx = canvas.getContext('2d');
  const W = canvas.width, H = canvas.height;
  const stars = Array.from({ length: 80 }, () => ({ x: Math.random() * W, y: Math.random() * H, s: 0.3 + Math.random() * 1.5 }));
  let ship, comets, score, best = 0, over, attract = true, keys = {}, pointerX = null, spawn = 0, last = performance.now();

  function reset() {
    ship = { x: W / 2, y: H - 40, r: 12 };
    comets = [];
    score = 0;
    over = false;
  }

  function human() {
    if (attract) { attract = false; reset(); }
    else if (over) reset();
  }
  addEventListener('keydown', (e) => { keys[e.key] = true; if (['ArrowLeft', 'ArrowRight', 'a', 'd', ' ', 'Enter'].includes(e.key)) { human(); e.preventDefault(); } });
  addEventListener('keyup', (e) => { keys[e.key] = false; });
  canvas.addEventListener('pointermove', (e) => { const r = canvas.getBoundingClientRect(); pointerX = ((e.clientX - r.left) / r.width) * W; });
  canvas.addEventListener('pointerdown', human);

  function step(dt) {
    for (const s of stars) { s.y += s.s * dt * 60; if (s.y > H) { s.y = 0; s.x = Math.random() * W; } }
    if (over) return;
    score += dt;
    spawn -= dt;
    if (spawn <= 0) {
      spawn = Math.max(0.18, 0.7 - score / 60);
      comets.push({ x: Math.random() * W, y: -20, r: 8 + Math.random() * 14, vy: 110 + Math.random() * 90 + score * 4, vx: (Math.random() - 0.5) * 60 });
    }
    let dir = 0;
    if (attract) {
      // Steer away from the nearest comet above the ship.
      const threat = comets.filter((c) => c.y < ship.y && ship.y - c.y < 160).sort((a, b) => Math.abs(a.x - ship.x) - Math.abs(b.x - ship.x))[0];
      if (threat && Math.abs(threat.x - ship.x) < threat.r + 30) dir = threat.x > ship.x ? -1 : 1;
      else dir = Math.sign(W / 2 - ship.x) * (Math.abs(W / 2 - ship.x) > 40 ? 0.5 : 0);
    } else if (keys.ArrowLeft || keys.a) dir = -1;
    else if (keys.ArrowRight || keys.d) dir = 1;
    else if (pointerX !== null) dir = Math.max(-1, Math.min(1, (pointerX - ship.x) / 40));
    ship.x = Math.max(ship.r, Math.min(W - ship.r, ship.x + dir * 300 * dt));
    for (const c of comets) { c.y += c.vy * dt; c.x += c.vx * dt; }
    comets = comets.filter((c) => c.y < H + 30);
    for (const c of comets) {
      if (Math.hypot(c.x - ship.x, c.y - ship.y) < c.r + ship.r - 3) {
        over = true;
        best = Math.max(best, score);
        if (attract) setTimeout(reset, 1200);
      }
    }
  }

  function draw() {
    ctx.fillStyle = '#05060d';
    ctx.fillRect(0, 0, W, H);
    ctx.fillStyle = '#8fa3ff';
    for (const s of stars) ctx.fillRect(s.x, s.y, s.s, s.s);
    for (const c of comets) {
      const g = ctx.createLinearGradient(c.x - c.vx * 0.25, c.y - c.vy * 0.25, c.x, c.y);
      g.addColorStop(0, 'rgba(255,140,60,0)');
      g.addColorStop(1, 'rgba(255,170,80,0.9)');
      ctx.strokeStyle = g;
      ctx.lineWidth = c.r;
      ctx.beginPath();
      ctx.moveTo(c.x - c.vx * 0.25, c.y - c.vy * 0.25);
      ctx.lineTo(c.x, c.y);
      ctx.stroke();
      ctx.fillStyle = '#ffd9a0';
      ctx.beginPath();
      ctx.arc(c.x, c.y, c.r * 0.7, 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.fillStyle = over ? '#ff5577' : '#7df9ff';
    ctx.beginPath();
    ctx.moveTo(ship.x, ship.y - 16);
    ctx.lineTo(ship.x - 12, ship.y + 12);
    ctx.lineTo(ship.x + 12, ship.y + 12);
    ctx.closePath();
    ctx.fill();
    ctx.fillStyle = '#e8ecff';
    ctx.font = 'bold 18px sans-serif';
    ctx.fillText(`${score.toFixed(1)} s`, 14, 28);
    ctx.textAlign = 'right';
    ctx.fillText(`best ${best.toFixed(1)} s`, W - 14, 28);
    ctx.textAlign = 'center';
    if (attract) ctx.fillText('COMET DODGE · press ← → or click to play', W / 2, H / 2);
    else if (over) ctx.fillText('Hit! Press an arrow key or click to fly again', W / 2, H / 2);
    ctx.textAlign = 'left';
  }

  function frame(now) {
    const dt = Math.min(0.05, (now - last) / 1000);
    last = now;
    step(dt);
    draw();
    requestAnimationFrame(frame);
  }
  reset();
  requestAnimationFrame(frame);
})();
