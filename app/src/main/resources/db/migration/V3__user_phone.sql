-- The phone a supervisor listens, whispers and barges in with: Candor calls it and joins it to the call.
ALTER TABLE users ADD COLUMN phone_uri TEXT;
