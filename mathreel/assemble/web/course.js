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
})();
