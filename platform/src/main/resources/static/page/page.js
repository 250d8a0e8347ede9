// The page's little script: times in the viewer's zone, live refresh of marked parts, JAR upload with progress,
// the entry classes of the chosen JAR, and a confirmation before destructive posts. Every page works without it.
(function () {
  const csrf = () => {
    const token = document.querySelector('meta[name=_csrf]');
    const header = document.querySelector('meta[name=_csrf_header]');
    return token && header ? { header: header.content, token: token.content } : null;
  };

  function localTimes(root) {
    root.querySelectorAll('time[datetime]').forEach(t => {
      const at = new Date(t.getAttribute('datetime'));
      if (!isNaN(at)) {
        t.textContent = at.toLocaleString();
        t.title = t.getAttribute('datetime');
      }
    });
  }

  function refresh(element) {
    const url = element.dataset.refresh || window.location.href; // the page itself; its part is taken by id
    setInterval(async () => {
      try {
        const response = await fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
        if (!response.ok || response.redirected) return;
        const next = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById(element.id);
        if (next) {
          element.innerHTML = next.innerHTML;
          localTimes(element);
        }
      } catch (e) { /* the next round tries again */ }
    }, 2000);
  }

  function upload(form) {
    form.addEventListener('submit', event => {
      const file = form.querySelector('input[type=file]').files[0];
      if (!file || !window.XMLHttpRequest) return;
      event.preventDefault();
      const progress = document.getElementById('upload-progress');
      const status = document.getElementById('upload-status');
      const body = new FormData();
      body.append('file', file);
      const xhr = new XMLHttpRequest();
      xhr.open('POST', form.dataset.api);
      const c = csrf();
      if (c) xhr.setRequestHeader(c.header, c.token);
      xhr.setRequestHeader('Accept', 'application/json');
      progress.hidden = false;
      xhr.upload.onprogress = e => {
        if (e.lengthComputable) {
          progress.value = Math.round(100 * e.loaded / e.total);
          status.textContent = progress.value + ' %';
        }
      };
      xhr.onload = () => {
        if (xhr.status === 201) {
          window.location.reload();
          return;
        }
        let message = 'upload failed (' + xhr.status + ')';
        try { message = JSON.parse(xhr.responseText).error || message; } catch (e) { /* not JSON */ }
        status.textContent = message;
        status.className = 'error';
        progress.hidden = true;
      };
      xhr.onerror = () => { status.textContent = 'the upload broke off; try again'; status.className = 'error'; };
      xhr.send(body);
    });
  }

  function entryClasses(form) {
    const artifact = form.querySelector('#artifactId');
    const entry = form.querySelector('#entryClass');
    if (!artifact || !entry) return;
    artifact.addEventListener('change', async () => {
      const response = await fetch(form.dataset.entryClasses + artifact.value + '/entry-classes',
        { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) return;
      const offered = (await response.json()).entryClasses;
      entry.replaceChildren(...offered.map(c => new Option(c, c)));
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    localTimes(document);
    document.querySelectorAll('[data-refresh]').forEach(refresh);
    const form = document.getElementById('upload');
    if (form) upload(form);
    const deployment = document.getElementById('deployment-form');
    if (deployment) entryClasses(deployment);
    document.querySelectorAll('form.confirm').forEach(f => f.addEventListener('submit', e => {
      if (!window.confirm(f.dataset.confirm)) e.preventDefault();
    }));
  });
})();
