#pragma once
// The two stores the contract suite runs against, behind the same small fixture shape: store() is a user who may
// read and write ALPR data and read the logs (remote: a supervisor), adminStore() one who may manage users and
// settings (remote: an administrator of the same agency; local: the same store).
#include "LocalStore.h"
#include "PgConnection.h"
#include "PgTestCluster.h"
#include "RemoteStore.h"
#include "Require.h"
#include "ServerSchema.h"
#include "TempDir.h"

#include <QRandomGenerator>
#include <catch2/catch_test_macros.hpp>

namespace alpr::test {

inline std::string text(const Error& e)
{
    return e.message.toStdString();
}

inline UserRecord userRecord(const QString& name, Role role, const QString& agency)
{
    UserRecord u;
    u.name = name;
    u.role = role;
    u.agency = agency;
    u.fullName = QStringLiteral("Test ") + name;
    u.trainedOn = QDate(2026, 1, 5);
    u.refresherDue = QDate(2027, 1, 5);
    u.createdMs = 1'780'000'000'000;
    return u;
}

class LocalFixture
{
public:
    static constexpr const char* kName = "local";
    LocalFixture()
    {
        QByteArray key(32, '\0');
        QRandomGenerator::system()->generate(key.begin(), key.end());
        m_store = require(LocalStore::open(m_dir.path(QStringLiteral("c.alpr")), key, LocalStore::Mode::CreateNew));
        m_self = QStringLiteral("sup");
        require(m_store->addUser(userRecord(m_self, Role::Supervisor, agency())));
    }
    Store& store() { return *m_store; }
    Store& adminStore() { return *m_store; }
    QString self() const { return m_self; }
    QString agency() const { return QStringLiteral("West Covina PD"); }
    /** A name no user of this store has yet. */
    QString freshName(const char* prefix) { return QString::fromLatin1(prefix) + QString::number(++m_names); }

private:
    TempDir m_dir;
    std::unique_ptr<LocalStore> m_store;
    QString m_self;
    int m_names = 0;
};

/** A database of its own on the shared cluster, with an administrator and a supervisor of one agency. */
class RemoteFixture
{
public:
    static constexpr const char* kName = "remote";
    RemoteFixture()
        : m_cluster(PgTestCluster::shared())
    {
        m_database = require(m_cluster.createDatabase());
        m_address = require(ServerAddress::parse(m_cluster.uri(m_database)));
        m_adminName = PgTestCluster::uniqueName(QStringLiteral("adm"));
        m_self = PgTestCluster::uniqueName(QStringLiteral("sup"));
        {
            auto super = require(PgConnection::open(m_address, m_cluster.superuser(), m_cluster.superPassword()));
            require(ServerSchema::createFirstAdmin(*super, userRecord(m_adminName, Role::Admin, agency()), password(),
                                                   1'780'000'000'000));
        }
        m_admin = require(RemoteStore::connect(m_address, m_adminName, password()));
        require(m_admin->createUser(userRecord(m_self, Role::Supervisor, agency()), password()));
        m_store = require(RemoteStore::connect(m_address, m_self, password()));
    }
    ~RemoteFixture()
    {
        m_store.reset();
        m_admin.reset();
        ignoreError(m_cluster.dropDatabase(m_database));
    }
    Store& store() { return *m_store; }
    Store& adminStore() { return *m_admin; }
    RemoteStore& remote() { return *m_store; }
    RemoteStore& admin() { return *m_admin; }
    QString self() const { return m_self; }
    QString agency() const { return QStringLiteral("West Covina PD"); }
    QString freshName(const char* prefix) { return PgTestCluster::uniqueName(QString::fromLatin1(prefix)); }
    /** A new account of this agency with the given role (created by the admin); returns its name. */
    QString freshAccount(const char* prefix, Role role)
    {
        const QString name = freshName(prefix);
        require(m_admin->createUser(userRecord(name, role, agency()), password()));
        return name;
    }
    static QString password() { return QStringLiteral("correct horse battery staple 42"); }
    const ServerAddress& address() const { return m_address; }
    PgTestCluster& cluster() { return m_cluster; }
    QString database() const { return m_database; }

private:
    PgTestCluster& m_cluster;
    QString m_database;
    ServerAddress m_address;
    QString m_adminName;
    QString m_self;
    std::unique_ptr<RemoteStore> m_admin;
    std::unique_ptr<RemoteStore> m_store;
};

} // namespace alpr::test
