#include "Vault.h"

#include "Clock.h"
#include "Crypto.h"
#include "KeySlotFile.h"
#include "RemoteStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Vault", text);
}

} // namespace

struct Vault::SlotsHolder
{
    KeySlotFile file;
};

Vault::~Vault()
{
    m_store.reset();
    m_remote.reset();
    secureZero(m_dataKey);
}

Store& Vault::store()
{
    if (m_remote)
        return *m_remote;
    return *m_store;
}

QString Vault::storePath() const
{
    return m_remote ? m_serverStatePath : m_store->path();
}

QString Vault::serverStatePath(const QString& serverUri)
{
    QString dir = qEnvironmentVariable("ALPR_STATE_DIR");
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    dir += QStringLiteral("/servers");
    QDir().mkpath(dir);
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    auto address = ServerAddress::parse(serverUri);
    QString name = address ? QStringLiteral("%1_%2_%3").arg(address->host).arg(address->port).arg(address->database)
                           : QString::fromLatin1(sha256(serverUri.toUtf8()).toHex().left(16));
    for (QChar& c : name)
        if (!c.isLetterOrNumber() && c != u'.' && c != u'-')
            c = u'_';
    return dir + u'/' + name;
}

Result<std::unique_ptr<Vault>> Vault::connect(const QString& serverUri, const QString& user, const QString& password,
                                              const Clock& clock, int connections)
{
    auto address = ServerAddress::parse(serverUri);
    if (!address)
        return address.error();
    auto remote = RemoteStore::connect(address.value(), user, password, connections);
    if (!remote)
        return remote.error();
    std::unique_ptr<Vault> vault(new Vault);
    vault->m_clock = &clock;
    vault->m_remote = std::move(remote.value());
    vault->m_serverStatePath = serverStatePath(serverUri);
    // The anchor key is derived the same way as from a local data key, from the server's shared audit secret.
    vault->m_dataKey = vault->m_remote->auditSecret();
    auto record = vault->m_remote->user(user);
    if (!record)
        return authError(tr("The database role %1 has no ALPR account on %2.").arg(user, address->describe()));
    if (record->disabled)
        return authError(tr("The account %1 is disabled. Ask an administrator.").arg(user));
    vault->m_user = record.value();
    return vault;
}

int Vault::slotIterations()
{
    static const int iterations = calibratePbkdf2Iterations(500, kMinimumPbkdf2Iterations);
    return iterations;
}

Result<std::unique_ptr<Vault>> Vault::create(const QString& storePath, UserRecord admin, const QString& password,
                                             const Clock& clock, int iterations, bool demonstration)
{
    const QString keyPath = KeySlotFile::pathForStore(storePath);
    if (QFileInfo::exists(storePath))
        return failure(tr("%1: a file of that name already exists; refusing to overwrite it.").arg(storePath));
    if (QFileInfo::exists(keyPath))
        return failure(tr("%1: a key file already exists; refusing to overwrite it.").arg(keyPath));
    if (admin.role != Role::Admin)
        return usageError(tr("The first user of a store must be an administrator."));

    std::unique_ptr<Vault> vault(new Vault);
    vault->m_clock = &clock;
    vault->m_keyFilePath = keyPath;
    vault->m_iterations = iterations > 0 ? iterations : slotIterations();
    vault->m_dataKey = randomBytes(32);
    if (vault->m_dataKey.size() != 32)
        return failure(tr("The system's random number generator failed."));

    auto store = LocalStore::open(storePath, vault->m_dataKey,
                                  demonstration ? LocalStore::Mode::CreateDemo : LocalStore::Mode::CreateNew);
    if (!store)
        return store.error();
    vault->m_store = std::move(store.value());
    // From here on the new files are ours: on any failure remove them again rather than leave half a store.
    auto abandon = [&](const Error& e) -> Result<std::unique_ptr<Vault>> {
        vault->m_store.reset();
        QFile::remove(storePath);
        QFile::remove(storePath + QStringLiteral("-wal"));
        QFile::remove(storePath + QStringLiteral("-shm"));
        return e;
    };
    auto storeId = vault->m_store->setting(QStringLiteral("store_id"));
    if (!storeId)
        return abandon(storeId.error());
    vault->m_slots = std::make_unique<SlotsHolder>(SlotsHolder{KeySlotFile::createNew(storeId.value())});

    const qint64 now = clock.nowMs();
    admin.createdMs = now;
    admin.passwordChangedMs = now;
    auto added = vault->m_store->addUser(admin);
    if (!added)
        return abandon(added.error());
    vault->m_user = added.value();
    if (Status s = vault->m_slots->file.setSlot(admin.name, password, vault->m_dataKey, vault->m_iterations); !s)
        return abandon(s.error());
    if (Status s = vault->saveSlots(); !s)
        return abandon(s.error());
    return vault;
}

Result<std::unique_ptr<Vault>> Vault::unlock(const QString& storePath, const QString& user, const QString& password,
                                             const Clock& clock)
{
    auto key = unwrapKey(storePath, user, password);
    if (!key)
        return key.error();
    return openWithKey(storePath, user, std::move(key.value()), clock);
}

Result<QByteArray> Vault::unwrapKey(const QString& storePath, const QString& user, const QString& password)
{
    if (!QFileInfo::exists(storePath))
        return failure(tr("%1: no such store file.").arg(storePath));
    auto slotFile = KeySlotFile::load(KeySlotFile::pathForStore(storePath));
    if (!slotFile)
        return slotFile.error();
    return slotFile->unwrap(user, password);
}

Result<std::unique_ptr<Vault>> Vault::openWithKey(const QString& storePath, const QString& user, QByteArray key,
                                                  const Clock& clock)
{
    const QString keyPath = KeySlotFile::pathForStore(storePath);
    auto slotFile = KeySlotFile::load(keyPath);
    if (!slotFile) {
        secureZero(key);
        return slotFile.error();
    }
    std::unique_ptr<Vault> vault(new Vault);
    vault->m_clock = &clock;
    vault->m_keyFilePath = keyPath;
    vault->m_iterations = 0; // calibrated lazily, only when a slot is written
    vault->m_dataKey = key;
    secureZero(key);
    vault->m_slots = std::make_unique<SlotsHolder>(SlotsHolder{std::move(slotFile.value())});

    auto store = LocalStore::open(storePath, vault->m_dataKey, LocalStore::Mode::OpenExisting);
    if (!store)
        return store.error();
    vault->m_store = std::move(store.value());

    auto storeId = vault->m_store->setting(QStringLiteral("store_id"));
    if (!storeId)
        return storeId.error();
    if (storeId.value() != vault->m_slots->file.storeId())
        return failure(tr("%1: this key file belongs to a different store.").arg(keyPath));

    auto record = vault->m_store->user(user);
    if (!record)
        return authError(tr("Wrong user name or password."));
    if (record->disabled)
        return authError(tr("The account %1 is disabled. Ask an administrator.").arg(user));
    vault->m_user = record.value();
    return vault;
}

Status Vault::touchLastLogin()
{
    m_user.lastLoginMs = m_clock->nowMs();
    return store().updateUser(m_user);
}

QByteArray Vault::deriveKey(const QByteArray& label) const
{
    return hkdfSha256(m_dataKey, label);
}

bool Vault::checkPassword(const QString& password) const
{
    if (m_remote)
        return m_remote->checkPassword(password);
    auto key = m_slots->file.unwrap(m_user.name, password);
    if (!key)
        return false;
    const bool same = key.value() == m_dataKey;
    secureZero(key.value());
    return same;
}

Status Vault::saveSlots()
{
    return m_slots->file.save(m_keyFilePath);
}

Status Vault::addUser(UserRecord user, const QString& password)
{
    if (m_remote) {
        const qint64 now = m_clock->nowMs();
        user.createdMs = now;
        user.passwordChangedMs = now;
        auto created = m_remote->createUser(user, password);
        return created ? Status() : Status(created.error());
    }
    if (m_slots->file.hasSlot(user.name))
        return failure(tr("A user named %1 already exists.").arg(user.name));
    const qint64 now = m_clock->nowMs();
    user.createdMs = now;
    user.passwordChangedMs = now;
    auto added = m_store->addUser(user);
    if (!added)
        return added.error();
    if (m_iterations == 0)
        m_iterations = slotIterations();
    if (Status s = m_slots->file.setSlot(user.name, password, m_dataKey, m_iterations); !s)
        return s;
    return saveSlots();
}

Status Vault::changePassword(const QString& name, const QString& newPassword)
{
    auto record = store().user(name);
    if (!record)
        return record.error();
    if (record->disabled)
        return policyError(tr("The account %1 is disabled.").arg(name));
    if (m_remote) {
        if (Status s = m_remote->setPassword(name, newPassword); !s)
            return s;
    } else {
        if (m_iterations == 0)
            m_iterations = slotIterations();
        if (Status s = m_slots->file.setSlot(name, newPassword, m_dataKey, m_iterations); !s)
            return s;
        if (Status s = saveSlots(); !s)
            return s;
    }
    record->passwordChangedMs = m_clock->nowMs();
    if (Status s = store().updateUser(record.value()); !s)
        return s;
    if (name == m_user.name)
        m_user.passwordChangedMs = record->passwordChangedMs;
    return {};
}

Status Vault::disableUser(const QString& name)
{
    if (name == m_user.name)
        return policyError(tr("You cannot disable your own account."));
    auto record = store().user(name);
    if (!record)
        return record.error();
    record->disabled = true;
    if (Status s = store().updateUser(record.value()); !s)
        return s;
    // Deleting the slot is what actually takes the key away; the flag only tells the UI why. On a server the flag
    // itself makes the login role NOLOGIN (a trigger there).
    if (m_slots && m_slots->file.hasSlot(name)) {
        if (Status s = m_slots->file.removeSlot(name); !s)
            return s;
        return saveSlots();
    }
    return {};
}

} // namespace alpr
