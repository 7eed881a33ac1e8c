(() => {
'use strict';
const video = document.getElementById('video');
const stage = document.getElementById('stage');
const data = JSON.parse(document.getElementById('chapter-data').textContent);
const store = {
  get(k) { try { return window.localStorage.getItem(k); } catch (e) { return null; } },
  set(k, v) { try { window.localStorage.setItem(k, v); } catch (e) { /* storage off: forget */ } },
  remove(k) { try { window.localStorage.removeItem(k); } catch (e) { /* nothing kept */ } },
};
const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
const scrollMode = reduceMotion ? 'auto' : 'smooth';
const statusLine = document.getElementById('status');
function say(text) { statusLine.textContent = text; }
function clock(t) {
  t = Math.max(0, Math.floor(t));
  const m = Math.floor(t / 60), s = t % 60;
  return m + ':' + String(s).padStart(2, '0');
}
function seek(t, play) {
  video.currentTime = Math.max(0, isFinite(video.duration) ? Math.min(t, video.duration) : t);
  if (play) video.play().catch(() => {});
}
document.querySelectorAll('[data-time]').forEach(b =>
  b.addEventListener('click', () => seek(parseFloat(b.dataset.time), true)));

// Captions: on by default, the viewer's choice remembered.
const CAPTIONS_KEY = 'mathreel:captions';
const captionsButton = document.getElementById('captions-toggle');
function captionsOn() { return store.get(CAPTIONS_KEY) !== 'off'; }
function applyCaptions() {
  const on = captionsOn();
  Array.from(video.textTracks).forEach(t => {
    if (t.kind === 'captions') t.mode = on ? 'showing' : 'hidden';
  });
  captionsButton.setAttribute('aria-pressed', String(on));
}
function toggleCaptions() {
  store.set(CAPTIONS_KEY, captionsOn() ? 'off' : 'on');
  applyCaptions();
  say(captionsOn() ? 'Captions on' : 'Captions off');
}
captionsButton.addEventListener('click', toggleCaptions);
video.textTracks.addEventListener('addtrack', applyCaptions);
applyCaptions();

// Browsers refuse <track> files over file://; fill the tracks from the embedded cues then.
function fill(trackEl, cues) {
  trackEl.addEventListener('error', () => {
    const t = video.addTextTrack(trackEl.kind, trackEl.label, trackEl.srclang);
    cues.forEach(c => t.addCue(new VTTCue(c[0], c[1], c[2])));
    t.mode = 'hidden';
    applyCaptions();
  });
}
fill(document.getElementById('captions-track'), data.captions);
fill(document.getElementById('chapters-track'), data.chapters);

// Speed.
const speed = document.getElementById('speed');
speed.addEventListener('change', () => { video.playbackRate = parseFloat(speed.value); });
video.addEventListener('ratechange', () => {
  const value = String(video.playbackRate);
  if (Array.from(speed.options).some(o => o.value === value)) speed.value = value;
});

// A link to this moment (#t=SECONDS), honoured on load and when the hash changes.
function hashTime() {
  const m = /(?:^#|&)t=(\d+(?:\.\d+)?)/.exec(window.location.hash);
  return m ? parseFloat(m[1]) : null;
}
function seekToHash() { const t = hashTime(); if (t !== null) seek(t, false); }
if (video.readyState >= 1) seekToHash();
else video.addEventListener('loadedmetadata', seekToHash, {once: true});
window.addEventListener('hashchange', seekToHash);
document.getElementById('copy-link').addEventListener('click', () => {
  const t = Math.floor(video.currentTime);
  window.history.replaceState(null, '', '#t=' + t);
  const url = window.location.href;
  const done = () => say('Link to ' + clock(t) + ' copied: ' + url);
  const manual = () => say('Copy this link to ' + clock(t) + ': ' + url);
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(url).then(done, manual);
  } else manual();
});

// Full screen holds the video and the quiz panel together.
function toggleFullscreen() {
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  else if (stage.requestFullscreen) stage.requestFullscreen().catch(() => {});
}

// Transcript: the current line highlighted, lines filtered by a search.
const items = Array.from(document.querySelectorAll('#transcript li'));
video.addEventListener('timeupdate', () => {
  const t = video.currentTime;
  let current = -1;
  items.forEach((li, i) => { if (parseFloat(li.dataset.start) <= t + 0.05) current = i; });
  items.forEach((li, i) => {
    const was = li.classList.contains('current');
    li.classList.toggle('current', i === current);
    const button = li.querySelector('button');
    if (i === current) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
    if (i === current && !was && !li.hidden) li.scrollIntoView({block: 'nearest', behavior: scrollMode});
  });
});
const search = document.getElementById('transcript-search');
const searchCount = document.getElementById('search-count');
search.addEventListener('input', () => {
  const query = search.value.trim().toLocaleLowerCase();
  let shown = 0;
  items.forEach(li => {
    const hit = !query || li.textContent.toLocaleLowerCase().includes(query);
    li.hidden = !hit;
    if (hit) shown += 1;
  });
  searchCount.textContent = query ? shown + ' of ' + items.length + ' lines match' : '';
});

// The quiz: the video stops at each question's end; the viewer answers in the page.
const questions = data.questions;
const frame = 1 / data.fps;
const answerKey = id => 'mathreel:' + data.chapter + ':answer:' + id;
const panel = document.getElementById('quiz');
const quizKind = document.getElementById('quiz-kind');
const quizPrompt = document.getElementById('quiz-prompt');
const quizChoices = document.getElementById('quiz-choices');
const quizFeedback = document.getElementById('quiz-feedback');
const scorePanel = document.getElementById('score');
const scoreText = document.getElementById('score-text');
const armed = questions.map(() => true);
// Seconds past a question's end beyond which a presented frame means the viewer jumped over it
// (playback under load may drop a few frames, never a quarter of a second).
const JUMPED = 0.25;
let open = -1;
function rearm() {
  const t = video.currentTime;
  questions.forEach((q, i) => { armed[i] = t < q.pause - frame / 2; });
}
video.addEventListener('seeking', rearm);
function label(q) {
  if (q.kind === 'prediction') return 'Predict';
  const asked = questions.filter(x => x.kind === 'question');
  return 'Question ' + (asked.indexOf(q) + 1) + ' of ' + asked.length;
}
function showQuestion(i, frameTime) {
  const q = questions[i];
  open = i;
  panel.dataset.question = q.id;
  panel.dataset.frameTime = frameTime.toFixed(4);
  quizKind.textContent = label(q);
  quizPrompt.textContent = q.prompt;
  quizChoices.replaceChildren(...q.choices.map((c, j) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'choice';
    b.setAttribute('aria-pressed', 'false');
    if (q.letters.length) {
      const letter = document.createElement('span');
      letter.className = 'letter';
      letter.textContent = q.letters[j] + '.';
      b.append(letter, ' ');
    }
    b.append(c[0]);
    b.addEventListener('click', () => choose(i, j));
    return b;
  }));
  quizFeedback.replaceChildren();
  quizFeedback.className = '';
  panel.hidden = false;
  quizPrompt.focus({preventScroll: true});
  panel.scrollIntoView({block: 'nearest', behavior: scrollMode});
}
function choose(i, j) {
  const q = questions[i];
  const right = j === q.answer;
  if (store.get(answerKey(q.id)) === null) store.set(answerKey(q.id), String(j));
  Array.from(quizChoices.children).forEach((b, k) => {
    b.setAttribute('aria-pressed', String(k === j));
    b.classList.toggle('chosen-right', k === j && right);
    b.classList.toggle('chosen-wrong', k === j && !right);
  });
  // The explanation opens with its verdict in words ("Right." or "No."); the mark is for the eye.
  const verdict = document.createElement('strong');
  verdict.setAttribute('aria-hidden', 'true');
  verdict.textContent = right ? '✓ ' : '✗ ';
  quizFeedback.className = right ? 'right' : 'wrong';
  quizFeedback.replaceChildren(verdict, q.choices[j][1]);
  updateScore();
}
function closeQuiz() { panel.hidden = true; open = -1; }
document.getElementById('quiz-continue').addEventListener('click', () => {
  const q = questions[open];
  closeQuiz();
  video.focus();
  seek(q.resume, true);
});
function skipQuestion() { closeQuiz(); video.focus(); video.play().catch(() => {}); }
document.getElementById('quiz-skip').addEventListener('click', skipQuestion);
video.addEventListener('play', () => { if (open >= 0) closeQuiz(); });
function onFrame(now, meta) {
  if (!video.paused && open < 0) {
    const t = meta.mediaTime;
    for (let i = 0; i < questions.length; i++) {
      // Stop on the last frame that starts before the question's end. A frame well past it
      // (a seek or a jump, even one whose 'seeking' came late) goes by without stopping.
      if (armed[i] && t + frame > questions[i].pause - 1e-3) {
        armed[i] = false;
        if (t > questions[i].pause + JUMPED) continue;
        video.pause();
        showQuestion(i, t);
        break;
      }
    }
  }
  video.requestVideoFrameCallback(onFrame);
}
if (questions.length && 'requestVideoFrameCallback' in HTMLVideoElement.prototype) {
  video.requestVideoFrameCallback(onFrame);
}
function tally(kind) {
  const asked = questions.filter(q => q.kind === kind);
  const answered = asked.filter(q => store.get(answerKey(q.id)) !== null);
  const right = answered.filter(q => store.get(answerKey(q.id)) === String(q.answer));
  return [right.length, answered.length, asked.length];
}
function updateScore() {
  const parts = [];
  [['question', 'Questions'], ['prediction', 'Predictions']].forEach(([kind, name]) => {
    const [right, answered, asked] = tally(kind);
    if (asked) parts.push(name + ': ' + right + ' right of ' + answered + ' answered (' + asked + ' asked).');
  });
  scoreText.textContent = parts.join(' ');
}
video.addEventListener('ended', () => { updateScore(); scorePanel.hidden = false; });
document.getElementById('score-clear').addEventListener('click', () => {
  questions.forEach(q => store.remove(answerKey(q.id)));
  updateScore();
  say('Your answers were cleared');
});

// Keyboard shortcuts (not while typing, and space stays a button's own key).
const shortcuts = document.getElementById('shortcuts');
function openShortcuts() { if (!shortcuts.open) shortcuts.showModal(); }
document.getElementById('shortcuts-open').addEventListener('click', openShortcuts);
document.getElementById('shortcuts-close').addEventListener('click', () => shortcuts.close());
function togglePlay() {
  if (!video.paused) video.pause();
  else if (open >= 0) skipQuestion();
  else video.play().catch(() => {});
}
function skipBy(seconds) { seek(video.currentTime + seconds, false); say(clock(video.currentTime)); }
document.addEventListener('keydown', e => {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || shortcuts.open) return;
  const tag = e.target.tagName;
  if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
  const onControl = tag === 'BUTTON' || tag === 'A';
  const actions = {
    ' ': onControl ? null : togglePlay, k: togglePlay, K: togglePlay,
    j: () => skipBy(-10), J: () => skipBy(-10), l: () => skipBy(10), L: () => skipBy(10),
    ArrowLeft: () => skipBy(-5), ArrowRight: () => skipBy(5),
    c: toggleCaptions, C: toggleCaptions, f: toggleFullscreen, F: toggleFullscreen, '?': openShortcuts,
  };
  const action = actions[e.key];
  if (!action) return;
  e.preventDefault();
  action();
}, true);
})();
