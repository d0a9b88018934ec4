#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <vector>

namespace alpr {

/**
 * The key slots of one local store, like LUKS (DESIGN.md "Key slots"). The store is encrypted with one random
 * 32-byte data key; each user's slot holds that key wrapped with AES-256-GCM under PBKDF2-HMAC-SHA512(password).
 * The GCM associated data binds a slot to its store id and user name, so a slot copied to another user or into
 * another store's file does not open. Passwords are never stored; derived keys are wiped after use.
 *
 * On disk: JSON `{"format":"alpr-workstation-keyslots","version":1,"store_id":"…","slots":[{"user":"…",
 * "kdf":"pbkdf2-hmac-sha512","iterations":N,"salt":b64,"nonce":b64,"wrapped_key":b64,"tag":b64}]}`, kept at
 * pathForStore(store path), mode 0600.
 *
 * setSlot() and unwrap() each run one PBKDF2 derivation (about half a second): call them off the GUI thread.
 * User names are compared exactly as given (case-sensitive); the caller normalises them.
 */
class KeySlotFile
{
public:
    /** An empty file with no store id; use createNew() or load(). */
    KeySlotFile() = default;

    /** The key file that belongs beside a store: storePath + ".keys". */
    static QString pathForStore(const QString& storePath);

    /** A new file with no slots, tied to storeId (a UUID string that the store also records). */
    static KeySlotFile createNew(const QString& storeId);

    /**
     * Loads and validates. Errors name the file path and the reason: missing or unreadable file (Failure); empty,
     * truncated or not JSON, wrong "format" or "version", missing or ill-typed field, bad base64, wrong lengths
     * (salt 16, nonce 12, tag 16, wrapped key 32), unknown kdf, iterations below 600,000, duplicate user (BadInput).
     * Does not check any password.
     */
    static Result<KeySlotFile> load(const QString& path);

    /**
     * Writes atomically (QSaveFile: a temporary file renamed over the old one, so a failure leaves the old file
     * as it was) with mode 0600. Errors name the path.
     */
    Status save(const QString& path) const;

    QString storeId() const { return m_storeId; }
    /** User names with a slot, in file order. */
    QStringList users() const;
    bool hasSlot(const QString& user) const;

    /**
     * Adds or replaces the user's slot wrapping dataKey (32 bytes), with a fresh salt and nonce. BadInput for an
     * empty user or password, a key that is not 32 bytes, or iterations below kMinimumPbkdf2Iterations.
     * Changes only this object: save() to keep it.
     */
    Status setSlot(const QString& user, const QString& password, const QByteArray& dataKey, int iterations);

    /**
     * The data key from the user's slot. A wrong password and an unknown user give the same ErrorKind::Auth error
     * ("Wrong user name or password.") after the same amount of work, so neither the message nor the time says which
     * users exist. The caller should secureZero() the key when done with it.
     */
    Result<QByteArray> unwrap(const QString& user, const QString& password) const;

    /** Deletes the user's slot (disabling a user). BadInput if the user has none. Changes only this object. */
    Status removeSlot(const QString& user);

    /** The slot's PBKDF2 iteration count, or 0 when the user has no slot. */
    int iterations(const QString& user) const;

private:
    struct Slot
    {
        QString user;
        int iterations = 0;
        QByteArray salt;
        QByteArray nonce;
        QByteArray wrappedKey;
        QByteArray tag;
    };

    const Slot* findSlot(const QString& user) const;
    QByteArray associatedData(const QString& user) const;

    QString m_storeId;
    std::vector<Slot> m_slots;
};

} // namespace alpr
