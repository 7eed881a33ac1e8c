(() => {
'use strict';
// Each chapter's quiz score, from the answers the viewer gave in that chapter's page (kept in
// this browser by the page under mathreel:<scope>:answer:<question id>).
const data = JSON.parse(document.getElementById('course-data').textContent);
function get(k) { try { return window.localStorage.getItem(k); } catch (e) { return null; } }
data.scores.forEach(chapter => {
  const line = document.getElementById('score-' + chapter.number);
  const answers = chapter.questions.map(([id, right]) =>
    [get('mathreel:' + chapter.scope + ':answer:' + id), String(right)]);
  const answered = answers.filter(([given]) => given !== null);
  const right = answered.filter(([given, answer]) => given === answer);
  line.textContent = answered.length
    ? 'Your quiz: ' + right.length + ' right of ' + answered.length + ' answered (' +
      answers.length + ' asked).'
    : 'Quiz: ' + answers.length + ' questions, none answered yet.';
});

// Find a moment: what is said in every chapter, searched as typed; each hit links to its time.
// What is said is searched (not the scene titles, which would match every sentence of a scene);
// text goes in by textContent, never as markup. A hyphen finds a minus sign, ' a prime.
const input = document.getElementById('moment-search');
const SHOWN = 30;
function fold(s) { return s.toLowerCase().replace(/\u2212/g, '-').replace(/[\u2032\u2019]/g, "'"); }
const searchable = data.moments.map(m => fold(m[4]));
function find() {
  const list = document.getElementById('moments');
  const count = document.getElementById('moment-count');
  const query = fold(input.value.trim());
  list.replaceChildren();
  if (query.length < 2) { count.textContent = ''; return; }
  const hits = data.moments.filter((m, i) => searchable[i].includes(query));
  hits.slice(0, SHOWN).forEach(([chapter, href, time, scene, text]) => {
    const link = document.createElement('a');
    link.href = href;
    const where = document.createElement('span');
    where.className = 'time';
    where.textContent = chapter + ' · ' + time;
    const title = document.createElement('span');
    title.className = 'scene';
    title.textContent = scene;
    const said = document.createElement('span');
    said.className = 'said';
    said.textContent = text;
    link.append(where, title, said);
    const item = document.createElement('li');
    item.append(link);
    list.append(item);
  });
  count.textContent = hits.length === 0 ? 'Nothing said matches.'
    : hits.length > SHOWN ? hits.length + ' moments; the first ' + SHOWN + ' shown.'
    : hits.length + (hits.length === 1 ? ' moment.' : ' moments.');
}
if (input) { input.addEventListener('input', find); find(); }
})();
