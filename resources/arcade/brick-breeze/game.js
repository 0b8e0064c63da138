// Brick Breeze: keep the ball in play with the paddle (arrow keys, A/D or the mouse) and clear the wall.
// Before the first input the paddle follows the ball by itself (attract mode).
(() => {
  const canvas = document.getElementById('game');
  const ctx = canvas.getContext('2d');
  const W = canvas.width, H = canvas.height;
  const COLS = 10, ROWS = 5, BW = W / COLS, BH = 18, TOP = 50;
  const COLORS = ['#ff6b6b', '#ffa94d', '#ffd43b', '#69db7c', '#4dabf7'];
  let paddle, ball, bricks, lives, score, attract = true, keys = {}, pointerX = null, last = performance.now(), message = '';

  function wall() {
    bricks = [];
    for (let r = 0; r < ROWS; r++) for (let c = 0; c < COLS; c++) bricks.push({ x: c * BW + 2, y: TOP + r * (BH + 4), alive: true, color: COLORS[r] });
  }
  function serve() {
    ball = { x: paddle.x, y: H - 50, vx: (Math.random() < 0.5 ? -1 : 1) * 170, vy: -230, r: 7 };
  }
  function reset() {
    paddle = { x: W / 2, w: 90, y: H - 24 };
    lives = 3;
    score = 0;
    message = '';
    wall();
    serve();
  }
  function human() {
    if (attract) { attract = false; reset(); }
    else if (lives <= 0 || message) reset();
  }
  addEventListener('keydown', (e) => { keys[e.key] = true; if (['ArrowLeft', 'ArrowRight', 'a', 'd', ' ', 'Enter'].includes(e.key)) { human(); e.preventDefault(); } });
  addEventListener('keyup', (e) => { keys[e.key] = false; });
  canvas.addEventListener('pointermove', (e) => { const r = canvas.getBoundingClientRect(); pointerX = ((e.clientX - r.left) / r.width) * W; });
  canvas.addEventListener('pointerdown', human);

  function step(dt) {
    if (message) return;
    let target = paddle.x;
    if (attract) target = ball.x + Math.sin(performance.now() / 700) * 20;
    else if (keys.ArrowLeft || keys.a) target = paddle.x - 420 * dt;
    else if (keys.ArrowRight || keys.d) target = paddle.x + 420 * dt;
    else if (pointerX !== null) target = pointerX;
    const maxMove = 460 * dt;
    paddle.x += Math.max(-maxMove, Math.min(maxMove, target - paddle.x));
    paddle.x = Math.max(paddle.w / 2, Math.min(W - paddle.w / 2, paddle.x));
    ball.x += ball.vx * dt;
    ball.y += ball.vy * dt;
    if (ball.x < ball.r || ball.x > W - ball.r) { ball.vx *= -1; ball.x = Math.max(ball.r, Math.min(W - ball.r, ball.x)); }
    if (ball.y < ball.r) { ball.vy = Math.abs(ball.vy); }
    if (ball.vy > 0 && ball.y > paddle.y - ball.r && ball.y < paddle.y + 8 && Math.abs(ball.x - paddle.x) < paddle.w / 2 + ball.r) {
      const hit = (ball.x - paddle.x) / (paddle.w / 2);
      const speed = Math.min(520, Math.hypot(ball.vx, ball.vy) * 1.02);
      ball.vx = speed * hit * 0.8;
      ball.vy = -Math.sqrt(Math.max(1, speed * speed - ball.vx * ball.vx));
    }
    for (const b of bricks) {
      if (!b.alive) continue;
      if (ball.x > b.x - ball.r && ball.x < b.x + BW - 4 + ball.r && ball.y > b.y - ball.r && ball.y < b.y + BH + ball.r) {
        b.alive = false;
        score += 10;
        ball.vy *= -1;
        break;
      }
    }
    if (bricks.every((b) => !b.alive)) { message = 'Wall cleared!'; if (attract) setTimeout(reset, 1500); }
    if (ball.y > H + 20) {
      lives -= 1;
      if (lives <= 0) { message = 'Game over'; if (attract) setTimeout(reset, 1500); }
      else serve();
    }
  }

  function draw() {
    const g = ctx.createLinearGradient(0, 0, 0, H);
    g.addColorStop(0, '#101a33');
    g.addColorStop(1, '#1b0f2e');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, W, H);
    for (const b of bricks) if (b.alive) { ctx.fillStyle = b.color; ctx.fillRect(b.x, b.y, BW - 4, BH); }
    ctx.fillStyle = '#e9ecef';
    ctx.fillRect(paddle.x - paddle.w / 2, paddle.y, paddle.w, 10);
    ctx.beginPath();
    ctx.arc(ball.x, ball.y, ball.r, 0, Math.PI * 2);
    ctx.fillStyle = '#fff3bf';
    ctx.fill();
    ctx.fillStyle = '#e8ecff';
    ctx.font = 'bold 18px sans-serif';
    ctx.fillText(`score ${score}`, 14, 28);
    ctx.textAlign = 'right';
    ctx.fillText('● '.repeat(Math.max(0, lives)).trim(), W - 14, 28);
    ctx.textAlign = 'center';
    if (attract) ctx.fillText('BRICK BREEZE · press ← → or click to play', W / 2, H / 2 + 40);
    else if (message) ctx.fillText(`${message} Press an arrow key or click to play again`, W / 2, H / 2 + 40);
    ctx.textAlign = 'left';
  }

  function frame(now) {
    const dt = Math.min(0.03, (now - last) / 1000);
    last = now;
    step(dt);
    draw();
    requestAnimationFrame(frame);
  }
  reset();
  requestAnimationFrame(frame);
})();
