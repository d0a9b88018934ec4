// The ctest fixture around the remote-store tests: `start STATE` starts one throwaway PostgreSQL cluster (with the
// template database prepared) and leaves it running, `stop STATE` stops and removes it. See PgTestCluster.
#include "PgTestCluster.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

using namespace alpr;
using namespace alpr::test;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    QTextStream err(stderr);
    if (args.size() != 3 || (args.at(1) != QLatin1String("start") && args.at(1) != QLatin1String("stop"))) {
        err << "usage: alpr_pg_test_cluster start|stop STATE_FILE\n";
        return 2;
    }
    const QString state = args.at(2);
    // Whatever a previous, interrupted run left running is stopped first.
    if (QFile::exists(state)) {
        if (auto old = PgTestCluster::attach(state); old)
            ignoreError(old.value()->stop());
        QFile::remove(state);
    }
    if (args.at(1) == QLatin1String("stop"))
        return 0;
    QElapsedTimer timer;
    timer.start();
    auto cluster = PgTestCluster::start(PgTestCluster::Options {});
    if (!cluster) {
        err << "cannot start the PostgreSQL test cluster: " << cluster.error().message << '\n';
        return 1;
    }
    if (Status s = cluster.value()->writeState(state); !s) {
        err << s.error().message << '\n';
        return 1;
    }
    cluster.value()->release();
    QTextStream(stdout) << "PostgreSQL test cluster on port " << cluster.value()->port() << " ready in "
                        << timer.elapsed() << " ms\n";
    return 0;
}
