#!/usr/bin/env bash
# Makes the caller-audio fixtures in src/main/resources/fixtures/audio and their MANIFEST.tsv.
#
# Needs espeak-ng (1.51) and sox (14.4.2): apt-get install -y espeak-ng sox
# Deterministic: espeak-ng has no randomness, sox runs with -R (fixed random seed) and -D (no
# dither), so running it twice gives byte-identical files on the same tool versions. The WAVs are
# committed; tests read them and never need these tools.
#
# Every file is 8 kHz, signed 16-bit, mono WAV. Speech is band-limited to the telephone band
# (300-3400 Hz), placed after a known stretch of leading silence, followed by 900 ms of trailing
# silence, and mixed with a low pink-noise bed (about -68 dBFS RMS) so that "silence" is not
# digital zero.
#
# Speech boundaries in the manifest are measured independently of Candor's VAD, on the finished
# file, with sox's silence effect: the start is where sox first finds 20 ms above -50 dBFS
# (`silence 1 0.02 -50d`, trimmed length subtracted from the full length), the end is the same
# measurement on the reversed file. Files without speech have "-" for both.
#
# Usage: recordings-fixtures/scripts/make-audio-fixtures.sh   (from anywhere)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../src/main/resources/fixtures/audio"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
rm -f "$out"/*.wav "$out/MANIFEST.tsv"

SOX=(sox -R -D -V1)
RATE=8000
THRESHOLD=-50d       # sox silence threshold for the manifest boundaries
TAIL_SECONDS=0.9     # silence after the last word
NOISE_BED_VOLUME=0.002

samples() { soxi -s "$1"; }
millis() { echo $(( $1 * 1000 / RATE )); }

# speech_part NAME VOICE SPEED PEAK_DB TEXT -> $work/NAME.part.wav: telephone-band speech, no
# leading or trailing silence, peak at PEAK_DB dBFS.
speech_part() {
    local name="$1" voice="$2" speed="$3" peak="$4" text="$5"
    espeak-ng -v "$voice" -s "$speed" -w "$work/$name.raw.wav" "$text"
    "${SOX[@]}" "$work/$name.raw.wav" -r $RATE -b 16 -c 1 "$work/$name.part.wav" \
        silence 1 0.005 -70d reverse silence 1 0.005 -70d reverse \
        highpass 300 lowpass 3400 rate -v $RATE norm "$peak"
}

# silence_part NAME SECONDS -> $work/NAME.wav of digital silence
silence_part() {
    "${SOX[@]}" -n -r $RATE -b 16 -c 1 "$work/$1.wav" trim 0 "$2"
}

# finish NAME KIND TRANSCRIPT PARTS... : concatenates the parts, adds the noise bed, measures the
# speech boundaries and appends a manifest row. With LINE_NOISE set (a sox vol), pink line noise of
# that volume is mixed in after the measurement, so the boundaries are those of the speech itself.
finish() {
    local name="$1" kind="$2" transcript="$3"
    shift 3
    "${SOX[@]}" "$@" "$work/$name.dry.wav"
    local seconds
    seconds="$(soxi -D "$work/$name.dry.wav")"
    "${SOX[@]}" -n -r $RATE -b 16 -c 1 "$work/$name.bed.wav" synth "$seconds" pinknoise vol $NOISE_BED_VOLUME
    "${SOX[@]}" -m -v 1 "$work/$name.dry.wav" -v 1 "$work/$name.bed.wav" -b 16 "$out/$name.wav"
    row "$name" "$kind" "$transcript" yes
    if [[ -n "${LINE_NOISE:-}" ]]; then
        "${SOX[@]}" -n -r $RATE -b 16 -c 1 "$work/$name.line.wav" synth "$seconds" pinknoise vol "$LINE_NOISE"
        "${SOX[@]}" -m -v 1 "$out/$name.wav" -v 1 "$work/$name.line.wav" -b 16 "$work/$name.noisy.wav"
        mv "$work/$name.noisy.wav" "$out/$name.wav"
    fi
}

# row NAME KIND TRANSCRIPT HAS_SPEECH
row() {
    local name="$1" kind="$2" transcript="$3" speech="$4" start="-" end="-"
    if [[ "$speech" == yes ]]; then
        local total lead tail
        total="$(samples "$out/$1.wav")"
        "${SOX[@]}" "$out/$name.wav" "$work/$name.lead.wav" silence 1 0.02 $THRESHOLD
        "${SOX[@]}" "$out/$name.wav" "$work/$name.tail.wav" reverse silence 1 0.02 $THRESHOLD reverse
        lead=$(( total - $(samples "$work/$name.lead.wav") ))
        tail="$(samples "$work/$name.tail.wav")"
        start="$(millis "$lead")"
        end="$(millis "$tail")"
    fi
    printf '%s.wav\t%s\t%s\t%s\t%s\n' "$name" "$transcript" "$kind" "$start" "$end" >> "$out/MANIFEST.tsv"
}

# utterance NAME KIND LEAD_SECONDS VOICE SPEED PEAK_DB TEXT
utterance() {
    local name="$1" kind="$2" lead="$3" voice="$4" speed="$5" peak="$6" text="$7"
    speech_part "$name" "$voice" "$speed" "$peak" "$text"
    silence_part "$name.lead" "$lead"
    silence_part "$name.tail" $TAIL_SECONDS
    finish "$name" "$kind" "$text" "$work/$name.lead.wav" "$work/$name.part.wav" "$work/$name.tail.wav"
}

printf 'file\ttranscript\tkind\tspeech_start_ms\tspeech_end_ms\n' > "$out/MANIFEST.tsv"

utterance greeting-hello            greeting        0.5 en-us 175 -3  "Hello?"
utterance greeting-good-morning     greeting        0.6 en-gb 160 -6  "Hi there, good morning."
utterance greeting-sales-line       greeting        0.4 en-us 190 -4  "Hello, is this the sales line?"
utterance question-premium-price    product-question 0.5 en-us 175 -3 "How much does the premium plan cost?"
utterance question-ship-canada      product-question 0.7 en-gb 170 -8 "Do you ship to Canada?"
utterance question-opening-hours    product-question 0.5 en-us 165 -12 "What are your opening hours?"
utterance person-talk-to-human      person-request  0.5 en-us 175 -3  "Can I talk to a human?"
utterance person-agent              person-request  0.6 en-gb 175 -5  "Agent."
utterance person-real-person        person-request  0.5 en-us 180 -4  "I want a real person."
utterance overlap-stop-person       overlap         0.3 en-us 185 -3  "Stop, I want a person."
utterance overlap-wait-question     overlap         0.25 en-gb 185 -4 "Wait, I have a question."

# A quiet caller (peak -20 dBFS) and a noisy line (pink noise about 20 dB below the speech; the
# manifest holds the boundaries measured before the line noise was added).
utterance quiet-caller-question     product-question 0.5 en-us 175 -20 "Do you have a cheaper plan?"
LINE_NOISE=0.03 utterance noisy-line-person person-request 0.5 en-gb 175 -3 "I want to speak to someone."

# Two phrases with a 350 ms pause: one turn for an endpointer whose silence window is longer.
speech_part pause-hello "en-us" 175 -3 "Hello."
speech_part pause-human "en-us" 175 -3 "Can I talk to a human?"
silence_part pause.lead 0.5
silence_part pause.gap 0.35
silence_part pause.tail $TAIL_SECONDS
finish person-hello-pause-human person-request "Hello. Can I talk to a human?" \
    "$work/pause.lead.wav" "$work/pause-hello.part.wav" "$work/pause.gap.wav" \
    "$work/pause-human.part.wav" "$work/pause.tail.wav"

# No speech: digital silence, a room-noise bed, steady white noise at a low and a high level.
"${SOX[@]}" -n -r $RATE -b 16 -c 1 "$out/silence-digital.wav" trim 0 3
row silence-digital silence "" no
"${SOX[@]}" -n -r $RATE -b 16 -c 1 "$out/silence-room.wav" synth 3 pinknoise vol $NOISE_BED_VOLUME
row silence-room silence "" no
"${SOX[@]}" -n -r $RATE -b 16 -c 1 "$out/noise-white-low.wav" synth 3 whitenoise vol 0.01
row noise-white-low noise "" no
"${SOX[@]}" -n -r $RATE -b 16 -c 1 "$out/noise-white-high.wav" synth 3 whitenoise vol 0.3
row noise-white-high noise "" no
# Loud noise that starts abruptly after a second of the room bed.
"${SOX[@]}" -n -r $RATE -b 16 -c 1 "$work/burst.bed.wav" synth 1 pinknoise vol $NOISE_BED_VOLUME
"${SOX[@]}" -n -r $RATE -b 16 -c 1 "$work/burst.noise.wav" synth 2 pinknoise vol 0.3
"${SOX[@]}" "$work/burst.bed.wav" "$work/burst.noise.wav" "$out/noise-pink-burst.wav"
row noise-pink-burst noise "" no

echo "wrote $(ls "$out"/*.wav | wc -l) files, $(du -ch "$out"/*.wav | tail -1 | cut -f1) to $out"
