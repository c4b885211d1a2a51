/**
 * Content-addressed copies of the files a workspace keeps: model files and folders, scorer code,
 * data assets. A copy lives under {@code artifacts/KIND/SHA256/NAME}, where the digest covers the
 * relative names and contents of every file, so an unchanged source is stored once and a later
 * edit of the user's folder never changes a copy that exists. Uploads from the CLI are unpacked
 * by {@link ArchiveUnpacker}, under its rules, before they are stored.
 */
package io.batchscore.service.artifacts;
