// The guided session player: a progressive enhancement of the plain session form
// (Features/Me/Session.cshtml). Without this file the form still works.
//
// It shows one exercise at a time with its steps and dose; times holds after a 5-second
// "Get ready"; counts reps with a big tap button; says "Switch sides" between the sides of an
// each-side exercise; times the rest between sets; beeps and vibrates (with a Mute toggle);
// announces each phase in a polite live region; then asks pain and effort, writes everything
// into the form's own fields, and at the end submits the form.
//
// No dependencies and no other files. State lives in the DOM: data-* attributes on #player
// and the form's fields, so "Use the simple form" can hand over at any moment.
// ?speed=fast (rendered as data-speed="fast") makes every timer second last 20 ms for tests.

const form = document.getElementById('session-form');
if (form && form.dataset.player !== 'off') {
    start(form);
}

function start(form) {
    const exercises = [...form.querySelectorAll('fieldset.session-exercise')];
    const root = document.getElementById('player-root');
    if (exercises.length === 0 || !root) {
        return;
    }

    const unit = form.dataset.speed === 'fast' ? 20 : 1000; // milliseconds per timer second
    const getReadySeconds = 5;
    const relaxSeconds = 2;
    const plainParts = ['exercise-list', 'after-section', 'session-actions'].map((id) => document.getElementById(id)).filter(Boolean);

    // ---- Building blocks ----

    function el(tag, attrs = {}, ...children) {
        const node = document.createElement(tag);
        for (const [key, value] of Object.entries(attrs)) {
            if (value === null || value === undefined || value === false) {
                continue;
            }
            if (key === 'class') {
                node.className = value;
            } else if (key === 'text') {
                node.textContent = value;
            } else {
                node.setAttribute(key, value === true ? '' : String(value));
            }
        }
        node.append(...children);
        return node;
    }

    function button(id, text, cls) {
        return el('button', { type: 'button', id, class: cls, text });
    }

    // A 0–10 question as a row of big toggle buttons (not radios, so nothing extra is submitted).
    function scaleGroup(kind, question, hint) {
        const questionId = `player-${kind}-question`;
        const hintId = `player-${kind}-hint`;
        const buttons = Array.from({ length: 11 }, (_, n) => el('button', {
            type: 'button', id: `player-${kind}-${n}`, class: 'button', 'aria-pressed': 'false', 'data-value': n, text: String(n),
        }));
        const box = el('div', { role: 'group', class: 'player-scale-group', id: `player-${kind}`, 'aria-labelledby': questionId, 'aria-describedby': hintId, 'data-value': '' },
            el('p', { id: questionId, class: 'player-question', text: question }),
            el('p', { id: hintId, class: 'hint', text: hint }),
            el('div', { class: 'player-scale' }, ...buttons));
        for (const b of buttons) {
            b.addEventListener('click', () => {
                for (const other of buttons) {
                    other.setAttribute('aria-pressed', String(other === b));
                }
                box.dataset.value = b.dataset.value;
            });
        }
        return {
            box,
            hintId,
            get value() { return box.dataset.value; },
            reset() {
                for (const b of buttons) {
                    b.setAttribute('aria-pressed', 'false');
                }
                box.dataset.value = '';
            },
        };
    }

    const painHint = '0 means no pain at all. 10 means the worst pain you can imagine.';

    // ---- The panel ----

    const player = el('section', {
        id: 'player', class: 'player', 'aria-labelledby': 'player-title',
        'data-phase': 'intro', 'data-phase-log': '', 'data-exercise-index': '0', 'data-block': '0', 'data-timer': '',
    });
    const position = el('p', { id: 'player-position', class: 'player-position' });
    const mute = el('button', { type: 'button', id: 'player-mute', class: 'button button-secondary player-mute', 'aria-pressed': 'false', text: 'Mute sounds' });
    const title = el('h2', { id: 'player-title', tabindex: '-1' });
    const dose = el('p', { id: 'player-dose', class: 'player-dose' });
    const live = el('p', { id: 'player-live', class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const figureBox = el('div', { id: 'player-figure', class: 'player-figure demo', hidden: true });

    const introSteps = el('ol', { class: 'steps', id: 'player-steps' });
    const startButton = button('player-start', 'Start', 'button button-primary');
    const skipButton = button('player-skip', 'Skip this exercise', 'button button-secondary');
    const intro = el('div', { id: 'player-intro' },
        el('h3', { text: 'How to do it' }), introSteps,
        el('p', { class: 'hint', text: 'Press Start when you are in position. A 5-second countdown helps you get ready.' }),
        el('div', { class: 'player-actions' }, startButton, skipButton));

    const progress = el('p', { id: 'player-progress', class: 'player-progress' });
    const phaseLabel = el('p', { id: 'player-phase-label', class: 'player-phase' });
    const timer = el('p', { id: 'player-timer', class: 'player-timer', 'aria-hidden': 'true', hidden: true });
    const tapCount = el('span', { class: 'player-tap-count', id: 'player-count', text: '0' });
    const tapOf = el('span', { class: 'player-tap-of', id: 'player-count-of' });
    const tap = el('button', { type: 'button', id: 'player-tap', class: 'player-tap', hidden: true },
        tapCount, tapOf, el('span', { class: 'player-tap-hint', text: 'Tap after each rep' }));
    const setDone = button('player-set-done', 'I have finished this set', 'button button-secondary');
    const nextSide = button('player-next-side', 'Start the other side', 'button button-primary');
    const skipRest = button('player-skip-rest', 'Skip the rest', 'button button-secondary');
    const stop = button('player-stop', 'Stop this exercise', 'button button-secondary');
    const stageSteps = el('ol', { class: 'steps' });
    const stage = el('div', { id: 'player-stage', class: 'player-stage', hidden: true },
        progress, phaseLabel, timer, tap,
        el('div', { class: 'player-actions' }, nextSide, setDone, skipRest, stop),
        el('details', { class: 'how-to player-steps' }, el('summary', { text: 'How to do it' }), stageSteps));

    const pain = scaleGroup('pain', 'How much did it hurt during this exercise?', painHint);
    const effort = scaleGroup('effort', 'How hard did it feel?', '0 means no effort at all. 10 means the hardest you could possibly work.');
    const rateError = el('p', { id: 'player-rate-error', class: 'field-error', hidden: true, text: 'Please choose a number for pain and a number for how hard it felt.' });
    const rateDone = button('player-rate-done', 'Save and go on', 'button button-primary');
    const rateTitle = el('h3', { id: 'player-rate-title', tabindex: '-1', text: 'How did that feel?' });
    const rate = el('div', { id: 'player-rate', hidden: true }, rateTitle, pain.box, effort.box, rateError, el('div', { class: 'player-actions' }, rateDone));

    const painAfter = scaleGroup('pain-after', 'How much does your hip hurt now? (optional)', painHint);
    const finishTitle = el('h3', { id: 'player-finish-title', tabindex: '-1', text: 'All done. Well done!' });
    const finishButton = button('player-finish', 'Save my session', 'button button-primary');
    const finish = el('div', { id: 'player-finish-box', hidden: true }, finishTitle,
        el('p', { text: 'Save your session to see what changes next time.' }), painAfter.box, el('div', { class: 'player-actions' }, finishButton));

    const plain = el('button', { type: 'button', id: 'player-plain', class: 'button-link', text: 'Use the simple form instead' });

    player.append(el('div', { class: 'player-top' }, position, mute), title, dose, figureBox, live, intro, stage, rate, finish, plain);
    root.append(player);
    for (const part of plainParts) {
        part.hidden = true;
    }
    form.dataset.playerActive = 'true';

    // ---- The drawing: it follows the player's own timer ----
    // The exercise's drawing (server-drawn SVG, one repetition with its hold) moves into the
    // player. Its own animation is paused and the player sets its time: it moves into position
    // during "Get ready", stays in the hold pose while the hold counts down, and plays one
    // repetition each time the rep counter starts one. With reduced motion it shows its still strip.

    const lessMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
    let shown = null; // { svg, home }
    let motion = 0; // the animation frame of the movement being played

    function showFigure(x) {
        if (shown) {
            shown.home.append(shown.svg);
            shown = null;
        }
        const svg = x.fieldset.querySelector('.demo-session svg');
        figureBox.hidden = !svg;
        if (svg) {
            shown = { svg, home: svg.parentElement };
            figureBox.append(svg);
        }
    }

    function figureStop() {
        if (motion) {
            cancelAnimationFrame(motion);
            motion = 0;
        }
    }

    function figureAt(seconds) {
        figureStop();
        shown.svg.pauseAnimations();
        shown.svg.setCurrentTime(seconds);
    }

    // Plays the drawing through each [from, to] stretch of its timeline in turn, at the timer's pace.
    function figurePlay(stretches) {
        figureAt(stretches[0][0]);
        const svg = shown.svg;
        let i = 0;
        let began = performance.now();
        const step = (now) => {
            const [from, to] = stretches[i];
            const t = from + (now - began) / unit;
            if (t < to) {
                svg.setCurrentTime(t);
            } else {
                svg.setCurrentTime(to);
                i += 1;
                began = now;
                if (i >= stretches.length) {
                    motion = 0;
                    return;
                }
            }
            motion = requestAnimationFrame(step);
        };
        motion = requestAnimationFrame(step);
    }

    function figureFor(name) {
        if (!shown) {
            return;
        }
        const svg = shown.svg;
        const x = exercise();
        const secondSide = x.perSide && data.side === '2' && stagePhases.includes(name);
        svg.style.transform = secondSide && !lessMotion.matches ? 'scaleX(-1)' : '';
        svg.dataset.shownSide = secondSide ? 'second' : 'first';
        if (lessMotion.matches) {
            figureAt(0);
            return;
        }
        const duration = Number(svg.dataset.duration);
        const holdStart = Number(svg.dataset.holdStart);
        const holdEnd = Number(svg.dataset.holdEnd);
        const hasHold = holdEnd > holdStart;
        switch (name) {
            case 'intro':
                figureStop();
                svg.setCurrentTime(0);
                svg.unpauseAnimations();
                break;
            case 'get-ready':
                if (hasHold) {
                    figurePlay([[0, holdStart]]);
                } else {
                    figureAt(0);
                }
                break;
            case 'hold':
                figureAt(hasHold ? holdStart : 0);
                break;
            case 'relax':
                figurePlay([[holdEnd, duration], [0, holdStart]]);
                break;
            case 'reps':
                figurePlay([[0, duration]]);
                break;
            default:
                if (shown) {
                    figureAt(0);
                }
                break;
        }
    }

    // ---- Cues: sound, vibration, words ----

    let audio = null; // an AudioContext cannot live in the DOM; it is made on the first tap (browsers require a gesture)

    function cue(kind) {
        if (mute.getAttribute('aria-pressed') === 'true') {
            return;
        }
        try {
            const Context = window.AudioContext || window.webkitAudioContext;
            if (Context) {
                audio = audio || new Context();
                if (audio.state === 'suspended') {
                    audio.resume();
                }
                const tone = audio.createOscillator();
                const gain = audio.createGain();
                const now = audio.currentTime;
                tone.frequency.value = { go: 880, end: 660, tick: 520, switch: 740 }[kind] || 700;
                gain.gain.setValueAtTime(0.25, now);
                gain.gain.exponentialRampToValueAtTime(0.001, now + 0.25);
                tone.connect(gain);
                gain.connect(audio.destination);
                tone.start(now);
                tone.stop(now + 0.25);
            }
        } catch {
            // No sound on this device: the words and numbers on screen still say everything.
        }
        if (navigator.vibrate) {
            navigator.vibrate(kind === 'switch' || kind === 'end' ? [150, 80, 150] : 120);
        }
    }

    function say(text) {
        // Clear first, so the same words twice in a row are still announced.
        live.textContent = '';
        setTimeout(() => { live.textContent = text; }, 30);
    }

    // ---- State, kept in data-* attributes ----

    const data = player.dataset;
    const num = (value) => (value === undefined || value === '' ? null : Number(value));

    function exercise() {
        const fieldset = exercises[Number(data.exerciseIndex)];
        const d = fieldset.dataset;
        return {
            fieldset,
            index: Number(d.index),
            name: d.name,
            dose: d.dose,
            sets: num(d.sets) || 1,
            reps: num(d.reps),
            hold: num(d.hold),
            rest: num(d.rest) || 0,
            perSide: d.perSide === 'true',
        };
    }

    // The blocks of one exercise: all sets on the first side, "switch sides", all sets on the other.
    function blocksOf(x) {
        const blocks = [];
        const sides = x.perSide ? 2 : 1;
        for (let side = 1; side <= sides; side++) {
            if (side > 1) {
                blocks.push({ kind: 'switch-sides', set: 1, side });
            }
            for (let set = 1; set <= x.sets; set++) {
                if (set > 1 && x.rest > 0) {
                    blocks.push({ kind: 'rest', set, side });
                }
                blocks.push({ kind: 'get-ready', set, side });
                blocks.push({ kind: 'work', set, side });
            }
        }
        return blocks;
    }

    const stagePhases = ['get-ready', 'hold', 'relax', 'reps', 'rest', 'switch-sides'];

    function phase(name, label, announcement) {
        data.phase = name;
        data.phaseLog = data.phaseLog ? `${data.phaseLog} ${name}` : name;
        intro.hidden = name !== 'intro';
        stage.hidden = !stagePhases.includes(name);
        rate.hidden = name !== 'rate';
        finish.hidden = name !== 'finish';
        for (const b of [tap, setDone, nextSide, skipRest]) {
            b.hidden = true;
        }
        timer.hidden = true;
        phaseLabel.textContent = label;
        if (announcement) {
            say(announcement);
        }
        figureFor(name);
    }

    function focus(target) {
        const active = document.activeElement;
        if (!active || active === document.body || player.contains(active)) {
            target.focus();
        }
    }

    function clearTimer() {
        if (data.timer) {
            clearInterval(Number(data.timer));
            data.timer = '';
        }
    }

    function countdown(seconds, done, tick) {
        clearTimer();
        let left = seconds;
        data.remaining = String(left);
        timer.textContent = String(left);
        timer.hidden = false;
        const id = setInterval(() => {
            left -= 1;
            data.remaining = String(Math.max(left, 0));
            timer.textContent = String(Math.max(left, 0));
            if (tick) {
                tick(left);
            }
            if (left <= 0) {
                clearTimer();
                done();
            }
        }, unit);
        data.timer = String(id);
    }

    function copySteps(target, fieldset) {
        target.replaceChildren(...[...fieldset.querySelectorAll('ol.steps li')].map((li) => el('li', { text: li.textContent })));
    }

    // ---- The flow ----

    function showIntro(moveFocus) {
        clearTimer();
        const x = exercise();
        data.block = '0';
        data.workDone = '0';
        data.minReps = '';
        data.minHold = '';
        data.count = '0';
        position.textContent = `Exercise ${x.index + 1} of ${exercises.length}`;
        title.textContent = x.name;
        dose.textContent = x.dose;
        copySteps(introSteps, x.fieldset);
        copySteps(stageSteps, x.fieldset);
        showFigure(x);
        phase('intro', '', moveFocus ? `Exercise ${x.index + 1} of ${exercises.length}: ${x.name}. ${x.dose}.` : null);
        if (moveFocus) {
            title.focus();
        }
    }

    function progressText(x, block) {
        const sides = x.perSide ? (block.side === 1 ? ' · First side' : ' · Second side') : '';
        return `Set ${block.set} of ${x.sets}${sides}`;
    }

    function runBlock() {
        clearTimer();
        const x = exercise();
        const blocks = blocksOf(x);
        const i = Number(data.block);
        if (i >= blocks.length) {
            askRating();
            return;
        }

        const block = blocks[i];
        data.set = String(block.set);
        data.side = String(block.side);
        progress.textContent = progressText(x, block);
        switch (block.kind) {
            case 'get-ready':
                phase('get-ready', 'Get ready', `Get ready. ${progressText(x, block)} starts in ${getReadySeconds} seconds.`);
                focus(stop);
                countdown(getReadySeconds, () => { cue('go'); nextBlock(); }, (left) => { if (left > 0 && left <= 3) { cue('tick'); } });
                break;
            case 'rest':
                phase('rest', 'Rest', `Rest for ${x.rest} seconds.`);
                skipRest.hidden = false;
                focus(skipRest);
                countdown(x.rest, () => { cue('end'); nextBlock(); });
                break;
            case 'switch-sides':
                phase('switch-sides', 'Switch sides', 'Switch sides. Press Start the other side when you are ready.');
                cue('switch');
                nextSide.hidden = false;
                focus(nextSide);
                break;
            default:
                work(x);
                break;
        }
    }

    function nextBlock() {
        data.block = String(Number(data.block) + 1);
        runBlock();
    }

    function work(x) {
        data.count = '0';
        if (x.reps === null && x.hold !== null) {
            // A pure hold (most stretches): one hold per set.
            phase('hold', 'Hold', `Hold for ${x.hold} seconds.`);
            focus(stop);
            countdown(x.hold, () => { cue('end'); finishWork(null, x.hold); });
        } else if (x.reps !== null && x.hold !== null) {
            // Reps with a hold in each: the player times every hold and counts the reps itself.
            setDone.hidden = false;
            holdRep(x);
        } else {
            phase('reps', 'Do your reps', x.reps ? `Do ${x.reps} reps. Tap after each one.` : 'Do this set. Press I have finished this set when you are done.');
            tapCount.textContent = '0';
            tapOf.textContent = x.reps ? `of ${x.reps}` : '';
            tap.hidden = x.reps === null;
            setDone.hidden = false;
            focus(x.reps === null ? setDone : tap);
        }
    }

    function holdRep(x) {
        const rep = Number(data.count) + 1;
        phase('hold', `Hold: rep ${rep} of ${x.reps}`, `Rep ${rep}. Hold for ${x.hold} seconds.`);
        setDone.hidden = false;
        focus(stop);
        countdown(x.hold, () => {
            data.count = String(rep);
            cue('end');
            if (rep >= x.reps) {
                finishWork(rep, x.hold);
                return;
            }
            phase('relax', 'Relax', null);
            setDone.hidden = false;
            countdown(relaxSeconds, () => { cue('go'); holdRep(x); });
        });
    }

    // One set on one side is done: remember the smallest reps and hold, then go on.
    function finishWork(reps, hold) {
        clearTimer();
        data.workDone = String(Number(data.workDone) + 1);
        if (reps !== null) {
            data.minReps = String(data.minReps === '' ? reps : Math.min(Number(data.minReps), reps));
        }
        if (hold !== null) {
            data.minHold = String(data.minHold === '' ? hold : Math.min(Number(data.minHold), hold));
        }
        nextBlock();
    }

    function askRating() {
        clearTimer();
        pain.reset();
        effort.reset();
        rateError.hidden = true;
        for (const group of [pain, effort]) {
            group.box.setAttribute('aria-describedby', group.hintId);
        }
        phase('rate', 'How did that feel?', `Well done. How did ${exercise().name} feel?`);
        rateTitle.focus();
    }

    function setField(id, value) {
        const input = document.getElementById(id);
        if (input) {
            input.value = String(value);
        }
    }

    function check(id) {
        const input = document.getElementById(id);
        if (input) {
            input.checked = true;
        }
    }

    function saveRating() {
        if (pain.value === '' || effort.value === '') {
            rateError.hidden = false;
            for (const group of [pain, effort]) {
                group.box.setAttribute('aria-describedby', `${group.hintId} player-rate-error`);
            }
            say(rateError.textContent);
            return;
        }

        const x = exercise();
        const sides = x.perSide ? 2 : 1;
        const i = x.index;
        setField(`ex-${i}-sets`, Math.floor(Number(data.workDone) / sides));
        if (x.reps !== null) {
            setField(`ex-${i}-reps`, data.minReps === '' ? Number(data.count) : Number(data.minReps));
        }
        if (x.hold !== null) {
            setField(`ex-${i}-hold`, data.minHold === '' ? 0 : Number(data.minHold));
        }
        check(`ex-${i}-pain-${pain.value}`);
        check(`ex-${i}-effort-${effort.value}`);
        const skipped = document.getElementById(`ex-${i}-skipped`);
        if (skipped) {
            skipped.checked = false;
        }
        x.fieldset.dataset.done = 'true';
        nextExercise();
    }

    function nextExercise() {
        const next = Number(data.exerciseIndex) + 1;
        if (next >= exercises.length) {
            clearTimer();
            painAfter.reset();
            position.textContent = 'Finished';
            title.textContent = 'Your session';
            dose.textContent = '';
            phase('finish', 'All done', 'All done. Well done! Save your session to see what changes next time.');
            finishTitle.focus();
            return;
        }
        data.exerciseIndex = String(next);
        showIntro(true);
    }

    // ---- Buttons ----

    startButton.addEventListener('click', () => {
        cue('tick'); // the first tap also wakes the audio up
        player.scrollIntoView({ block: 'start' });
        runBlock();
    });

    skipButton.addEventListener('click', () => {
        const x = exercise();
        const skipped = document.getElementById(`ex-${x.index}-skipped`);
        if (skipped) {
            skipped.checked = true;
        }
        x.fieldset.dataset.done = 'skipped';
        nextExercise();
    });

    tap.addEventListener('click', () => {
        const x = exercise();
        const count = Number(data.count) + 1;
        data.count = String(count);
        tapCount.textContent = String(count);
        if (x.reps !== null && count >= x.reps) {
            cue('end');
            finishWork(count, null);
        } else if (shown && !lessMotion.matches) {
            // The next rep begins: so does the drawing's.
            figurePlay([[0, Number(shown.svg.dataset.duration)]]);
        }
    });

    setDone.addEventListener('click', () => {
        const x = exercise();
        finishWork(x.reps === null ? null : Number(data.count), x.hold === null ? null : x.hold);
    });

    nextSide.addEventListener('click', () => nextBlock());

    skipRest.addEventListener('click', () => nextBlock());

    stop.addEventListener('click', () => {
        // Stopping early is always allowed: record what was done, then ask how it felt.
        const x = exercise();
        if (Number(data.workDone) === 0) {
            if (x.reps !== null) {
                data.minReps = data.count;
            }
            if (x.hold !== null) {
                // Full holds already done count in full; otherwise the part of this hold that was held.
                const held = data.phase === 'hold' ? Math.max(0, x.hold - Number(data.remaining || 0)) : 0;
                data.minHold = String(Number(data.count) > 0 ? x.hold : held);
            }
        }
        askRating();
    });

    rateDone.addEventListener('click', saveRating);

    finishButton.addEventListener('click', () => {
        if (painAfter.value !== '') {
            check(`painAfter-${painAfter.value}`);
        }
        data.phase = 'submitting';
        form.requestSubmit();
    });

    mute.addEventListener('click', () => {
        const muted = mute.getAttribute('aria-pressed') !== 'true';
        mute.setAttribute('aria-pressed', String(muted));
        say(muted ? 'Sounds and vibration are off.' : 'Sounds and vibration are on.');
    });

    plain.addEventListener('click', () => {
        clearTimer();
        figureStop();
        if (shown) {
            shown.svg.style.transform = '';
            shown.svg.unpauseAnimations();
            shown.home.append(shown.svg);
            shown = null;
        }
        player.remove();
        for (const part of plainParts) {
            part.hidden = false;
        }
        form.dataset.playerActive = 'false';
        form.dataset.player = 'off';
        document.getElementById('exercise-list')?.querySelector('legend')?.scrollIntoView();
    });

    showIntro(false);
}
