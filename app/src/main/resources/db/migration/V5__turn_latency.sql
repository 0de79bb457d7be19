-- When each step of a reply happened, stored on the turn Candor spoke in reply: the end of the
-- caller's speech, the final transcript (or key press), the reply decided, its audio synthesised and
-- its first frame sent. NULL where a step does not apply (the greeting has no caller speech).
ALTER TABLE turns ADD COLUMN caller_speech_ended_at TEXT;
ALTER TABLE turns ADD COLUMN transcript_at TEXT;
ALTER TABLE turns ADD COLUMN decided_at TEXT;
ALTER TABLE turns ADD COLUMN synthesised_at TEXT;
ALTER TABLE turns ADD COLUMN first_audio_at TEXT;
